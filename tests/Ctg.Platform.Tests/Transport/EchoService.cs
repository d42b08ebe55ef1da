using Ctg.ServiceDefaults;
using Ctg.Testing.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Ctg.Platform.Tests.Transport;

/// <summary>The C# side of the test-only Echo contract (tests/interop/server.js is the grpc-js side;
/// both must behave the same way, see echo.proto). Anonymous on purpose: these tests are about the
/// transport (h2c, compression, limits, cancellation), and a grpc-js peer calls it without a token.</summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class EchoService(CancellationProbe probe) : Echo.EchoBase
{
    public const string EchoHeader = "x-ctg-echo";
    public const string ResponseHeader = "x-ctg-echo-header";
    public const string ResponseTrailer = "x-ctg-echo-trailer";
    public const string BinaryTrailer = "x-ctg-bin";
    public static readonly byte[] BinaryTrailerValue = [0x00, 0x01, 0xfe, 0xff];

    public override async Task<EchoReply> Say(EchoRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await DelayAsync(request, context);
        FailIfAsked(request);
        return Reply(request.Text, request.Payload, context);
    }

    public override async Task Expand(ExpandRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        for (var i = 0; i < request.Count; i++)
        {
            await responseStream.WriteAsync(Reply($"{request.Text}-{i}", ByteString.Empty, context), context.CancellationToken);
        }
    }

    public override async Task<EchoReply> Collect(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var texts = new List<string>();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            texts.Add(request.Text);
        }

        return Reply(string.Join('+', texts), ByteString.Empty, context);
    }

    public override async Task Chat(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(Reply(request.Text.ToUpperInvariant(), ByteString.Empty, context), context.CancellationToken);
        }
    }

    private static EchoReply Reply(string text, ByteString payload, ServerCallContext context) => new()
    {
        Text = text,
        Payload = payload,
        EchoHeader = context.RequestHeaders.GetValue(EchoHeader) ?? "",
        // grpc-dotnet keeps grpc-encoding out of RequestHeaders; the raw HTTP/2 header tells what the peer sent.
        RequestEncoding = context.GetHttpContext().Request.Headers["grpc-encoding"].ToString(),
    };

    /// <summary>Metadata flows back both as a response header and as trailers (text and binary).</summary>
    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        var echo = context.RequestHeaders.GetValue(EchoHeader);
        if (echo is null)
        {
            return;
        }

        await context.WriteResponseHeadersAsync(new Metadata { { ResponseHeader, echo } });
        context.ResponseTrailers.Add(ResponseTrailer, echo + "!");
        context.ResponseTrailers.Add(BinaryTrailer, BinaryTrailerValue);
    }

    private async Task DelayAsync(EchoRequest request, ServerCallContext context)
    {
        if (request.DelayMs <= 0)
        {
            return;
        }

        probe.Started(request.Text);
        try
        {
            await Task.Delay(request.DelayMs, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            probe.Record(request.Text);
            throw;
        }
    }

    private static void FailIfAsked(EchoRequest request)
    {
        if (request.FailWithCode == 0)
        {
            return;
        }

        var violations = request.Violations.Select(v => v.Split('=', 2)).Select(p => (p[0], p.Length > 1 ? p[1] : ""));
        throw RpcErrors.WithViolations((Google.Rpc.Code)request.FailWithCode, request.Text, violations);
    }
}
