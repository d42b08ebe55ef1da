using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Ctg.Platform.Tests.Transport;

/// <summary>gRPC requests built by hand and sent over a plain HTTP/2 (h2c) HttpClient, to look at and
/// tamper with the wire format: length prefixes, the compressed flag, content-type, raw trailers.</summary>
public sealed class GrpcWire : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _address;

    public GrpcWire(Uri address)
    {
        _address = address;
        _http = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    /// <summary>The 5-byte gRPC message prefix (compressed flag, big-endian length) and the message.</summary>
    public static byte[] Framed(IMessage message, bool compressedFlag = false, int? declaredLength = null) =>
        Framed(message.ToByteArray(), compressedFlag, declaredLength);

    public static byte[] Framed(byte[] body, bool compressedFlag = false, int? declaredLength = null)
    {
        var framed = new byte[5 + body.Length];
        framed[0] = compressedFlag ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), declaredLength ?? body.Length);
        body.CopyTo(framed, 5);
        return framed;
    }

    public sealed record Response(HttpStatusCode HttpStatus, string? GrpcStatus, string? GrpcMessage, string? GrpcEncoding, string? GrpcAcceptEncoding, byte[] Body);

    public async Task<Response> PostAsync(string path, byte[] body, string contentType = "application/grpc",
        IEnumerable<(string Name, string Value)>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_address, path))
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        string? Header(string name) =>
            response.TrailingHeaders.TryGetValues(name, out var t) ? t.First()
            : response.Headers.TryGetValues(name, out var h) ? h.First() : null;
        return new Response(response.StatusCode, Header("grpc-status"), Header("grpc-message"),
            Header("grpc-encoding"), Header("grpc-accept-encoding"), bytes);
    }

    public void Dispose() => _http.Dispose();
}
