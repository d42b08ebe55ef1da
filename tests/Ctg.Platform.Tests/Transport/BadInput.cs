using System.Net;
using Ctg.Testing.V1;

namespace Ctg.Platform.Tests.Transport;

/// <summary>Each bad input of the transport issue, sent to our server, with the exact reaction the
/// gRPC and HTTP/2 specifications call for. Used once by BadInputTests and 10,000 times by the soak test.</summary>
public sealed class BadInput(Uri grpcAddress, GrpcWire wire)
{
    private const string SayPath = "/ctg.testing.v1.Echo/Say";
    private static readonly TimeSpan SocketTimeout = TimeSpan.FromSeconds(5);
    // Contains a line feed: Kestrel waits for one before deciding a connection is neither HTTP/2 nor HTTP/1.x.
    private static readonly byte[] GarbageBytes = Enumerable.Range(0, 64).Select(i => (byte)(i * 7)).ToArray();
    private static readonly byte[] Http11Request =
        "POST /ctg.testing.v1.Echo/Say HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/grpc\r\nContent-Length: 0\r\n\r\n"u8.ToArray();
    private static readonly byte[] ClientSettings = RawHttp2.Frame(RawHttp2.Settings, 0, 0, []);

    private static readonly byte[] Hello = GrpcWire.Framed(new EchoRequest { Text = "hello" });

    private int Port => grpcAddress.Port;

    public string[] Names => [.. Cases.Keys];

    public IReadOnlyDictionary<string, Func<Task>> Cases => new Dictionary<string, Func<Task>>
    {
        // Not an HTTP/2 connection preface: the connection is refused with GOAWAY(PROTOCOL_ERROR) and closed.
        ["garbage bytes"] = async () =>
        {
            var outcome = await RawHttp2.SendAsync(Port, GarbageBytes, halfClose: false, SocketTimeout);
            Assert.Equal(new RawHttp2.Outcome(RawHttp2.ProtocolError, null, true, outcome.BytesReceived), outcome);
        },
        // Random bytes then end of stream (whatever they are, even without a line feed): the server closes,
        // with GOAWAY(PROTOCOL_ERROR) when it saw a bad preface or GOAWAY(NO_ERROR) when the preface was cut short.
        ["random bytes then end of stream"] = async () =>
        {
            var outcome = await RawHttp2.SendAsync(Port, RandomBytes(), halfClose: true, SocketTimeout);
            Assert.True(outcome.Closed);
            Assert.True(outcome.GoAwayError is null or 0 or RawHttp2.ProtocolError, $"unexpected GOAWAY {outcome.GoAwayError}");
        },
        // Kestrel recognises HTTP/1.x on the h2c-only port and answers 400 before closing.
        ["HTTP/1.1 request"] = async () =>
        {
            var outcome = await RawHttp2.SendAsync(Port, Http11Request, halfClose: false, SocketTimeout);
            Assert.Equal("HTTP/1.1 400 Bad Request", outcome.Http1StatusLine);
            Assert.True(outcome.Closed);
        },
        ["wrong content-type"] = async () =>
        {
            var response = await wire.PostAsync(SayPath, Hello, "text/plain");
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
            Assert.Equal("13", response.GrpcStatus);
            Assert.Equal("Content-Type 'text/plain' is not supported.", response.GrpcMessage);
        },
        // A HEADERS frame cut after 20 of its 49 bytes, then end of stream: the server closes the connection,
        // with at most a GOAWAY(NO_ERROR) (the peer left; it is not an error of the server's).
        ["truncated HTTP/2 frame"] = async () =>
        {
            var truncated = RawHttp2.Frame(RawHttp2.Headers, 0x4, 1, new byte[40])[..20];
            var outcome = await RawHttp2.SendAsync(Port, RawHttp2.Concat(RawHttp2.Preface, ClientSettings, truncated), halfClose: true, SocketTimeout);
            Assert.True(outcome.Closed);
            Assert.True(outcome.GoAwayError is null or 0, $"unexpected GOAWAY {outcome.GoAwayError}");
        },
        // Only 3 of the 5 bytes of the gRPC message prefix, then end of stream.
        ["truncated gRPC frame"] = async () =>
        {
            var response = await wire.PostAsync(SayPath, Hello[..3]);
            AssertGrpcStatus(response, "13", "Incomplete message.");
        },
        ["length prefix larger than the body"] = async () =>
        {
            var response = await wire.PostAsync(SayPath, GrpcWire.Framed(new EchoRequest { Text = "hello" }, declaredLength: 100));
            AssertGrpcStatus(response, "13", "Incomplete message.");
        },
        // The spec: a compressed flag without a grpc-encoding header is a protocol violation, INTERNAL.
        ["compressed flag without grpc-encoding"] = async () =>
        {
            var response = await wire.PostAsync(SayPath, GrpcWire.Framed(new EchoRequest { Text = "hello" }, compressedFlag: true));
            AssertGrpcStatus(response, "13", "Request did not include grpc-encoding value with compressed message.");
        },
        // A DATA frame on stream 0 is a connection error: GOAWAY(PROTOCOL_ERROR).
        ["malformed frame (DATA on stream 0)"] = async () =>
        {
            var data = RawHttp2.Frame(RawHttp2.Data, 0x1, 0, new byte[5]);
            var outcome = await RawHttp2.SendAsync(Port, RawHttp2.Concat(RawHttp2.Preface, ClientSettings, data), halfClose: false, SocketTimeout);
            Assert.Equal(RawHttp2.ProtocolError, outcome.GoAwayError);
            Assert.True(outcome.Closed);
        },
    };

    private static byte[] RandomBytes()
    {
        var bytes = new byte[Random.Shared.Next(1, 256)];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static void AssertGrpcStatus(GrpcWire.Response response, string status, string message)
    {
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal(status, response.GrpcStatus);
        Assert.Equal(message, response.GrpcMessage);
    }
}
