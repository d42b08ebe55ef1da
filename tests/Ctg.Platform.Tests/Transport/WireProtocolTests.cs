using System.Net;
using Ctg.ServiceDefaults;
using Ctg.Testing.V1;
using Grpc.Core;

namespace Ctg.Platform.Tests.Transport;

/// <summary>What our server puts on the wire, read with a plain HTTP/2 client: the parts of the protocol a
/// gRPC library hides from its caller (percent-encoding, the compressed flag, encoding negotiation).</summary>
public sealed class WireProtocolTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    private const string SayPath = "/ctg.testing.v1.Echo/Say";

    [Fact]
    public async Task Grpc_message_is_percent_encoded_utf8()
    {
        using var wire = new GrpcWire(server.Service.GrpcAddress);
        var response = await wire.PostAsync(SayPath, GrpcWire.Framed(new EchoRequest { Text = "Délibération 100 %", FailWithCode = 9 }));
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("9", response.GrpcStatus);
        Assert.Equal("D%C3%A9lib%C3%A9ration 100 %25", response.GrpcMessage);
    }

    [Fact]
    public async Task Response_is_gzip_compressed_only_for_a_client_that_accepts_gzip()
    {
        using var wire = new GrpcWire(server.Service.GrpcAddress);
        var hello = GrpcWire.Framed(new EchoRequest { Text = "hello" });

        var accepting = await wire.PostAsync(SayPath, hello, headers: [("grpc-accept-encoding", "identity,gzip")]);
        Assert.Equal("0", accepting.GrpcStatus);
        Assert.Equal("gzip", accepting.GrpcEncoding);
        Assert.Equal(1, accepting.Body[0]); // the compressed flag of the message prefix
        Assert.Equal([0x1f, 0x8b], accepting.Body[5..7]); // gzip magic

        var plain = await wire.PostAsync(SayPath, hello);
        Assert.Equal("0", plain.GrpcStatus);
        Assert.Null(plain.GrpcEncoding);
        Assert.Equal(0, plain.Body[0]);
        Assert.Equal("hello", EchoReply.Parser.ParseFrom(plain.Body[5..]).Text);
    }

    [Fact]
    public async Task Unsupported_request_encoding_gives_unimplemented_and_lists_the_supported_ones()
    {
        using var wire = new GrpcWire(server.Service.GrpcAddress);
        var response = await wire.PostAsync(SayPath, GrpcWire.Framed(new EchoRequest { Text = "x" }, compressedFlag: true),
            headers: [("grpc-encoding", "snappy")]);
        Assert.Equal("12", response.GrpcStatus);
        Assert.Equal("identity,gzip", response.GrpcAcceptEncoding);
    }

    [Fact]
    public async Task Length_prefix_over_the_limit_gives_resource_exhausted_before_the_body_arrives()
    {
        using var wire = new GrpcWire(server.Service.GrpcAddress);
        var response = await wire.PostAsync(SayPath, GrpcWire.Framed(new EchoRequest { Text = "x" }, declaredLength: int.MaxValue));
        Assert.Equal("8", response.GrpcStatus);
        Assert.Equal("Received message exceeds the maximum configured message size.", response.GrpcMessage);
    }

    [Fact]
    public async Task Our_client_sends_gzip_when_asked_and_our_server_sees_it()
    {
        using var channel = CtgGrpcChannel.Create(server.Service.GrpcAddress, new CtgChannelOptions { MaxMessageBytes = EchoServerFixture.MaxMessageBytes });
        var client = new Echo.EchoClient(channel);
        var compressed = await client.SayAsync(new EchoRequest { Text = "a" }, new Metadata { { CtgGrpcChannel.RequestCompressionHeader, "gzip" } });
        var plain = await client.SayAsync(new EchoRequest { Text = "b" });
        Assert.Equal("gzip", compressed.RequestEncoding);
        Assert.Equal("", plain.RequestEncoding);
    }

    [Fact]
    public async Task Our_client_deadline_reaches_our_handler()
    {
        using var channel = CtgGrpcChannel.Create(server.Service.GrpcAddress);
        var client = new Echo.EchoClient(channel);
        await client.SayAsync(new EchoRequest { Text = "warm-up" }); // connection and JIT ready: the deadline is the handler's alone
        var callId = "ours-to-ours-" + Guid.NewGuid().ToString("N");
        var exception = await Assert.ThrowsAsync<RpcException>(async () => await client
            .SayAsync(new EchoRequest { Text = callId, DelayMs = 20_000 }, deadline: DateTime.UtcNow.AddSeconds(1)));
        Assert.Equal(StatusCode.DeadlineExceeded, exception.StatusCode);
        Assert.True(await server.Probe.WaitAsync(callId, TimeSpan.FromSeconds(15)), $"the handler never observed the cancellation (handler started: {server.Probe.HasStarted(callId)})");
    }

    [Fact]
    public async Task Health_is_also_served_over_http1_for_plain_probes()
    {
        using var http = new HttpClient();
        Assert.Equal("ok", await http.GetStringAsync(new Uri(server.Service.HttpAddress, "/healthz")));
    }
}
