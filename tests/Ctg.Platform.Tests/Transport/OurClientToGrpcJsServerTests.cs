using Ctg.ServiceDefaults;
using Ctg.Testing.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Ctg.Platform.Tests.Transport;

/// <summary>Our client (CtgGrpcChannel + the generated EchoClient, unchanged) calls a grpc-js server.</summary>
public sealed class OurClientToGrpcJsServerTests(GrpcJsServerFixture peer) : IClassFixture<GrpcJsServerFixture>
{
    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(10);

    [Fact]
    public async Task Unary_call_returns_the_reply()
    {
        var reply = await peer.Client.SayAsync(new EchoRequest { Text = "salut" }, deadline: Deadline);
        Assert.Equal("salut", reply.Text);
    }

    [Fact]
    public async Task Server_streaming_delivers_every_message_in_order()
    {
        using var call = peer.Client.Expand(new ExpandRequest { Text = "p", Count = 4 }, deadline: Deadline);
        var texts = await call.ResponseStream.ReadAllAsync().Select(r => r.Text).ToListAsync();
        Assert.Equal(["p-0", "p-1", "p-2", "p-3"], texts);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Client_streaming_collects_every_request()
    {
        using var call = peer.Client.Collect(deadline: Deadline);
        foreach (var text in new[] { "x", "y", "z" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
        }

        await call.RequestStream.CompleteAsync();
        Assert.Equal("x+y+z", (await call).Text);
    }

    [Fact]
    public async Task Bidirectional_streaming_answers_each_request_before_the_next_is_sent()
    {
        using var call = peer.Client.Chat(deadline: Deadline);
        var replies = new List<string>();
        foreach (var text in new[] { "un", "deux", "trois" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            replies.Add(call.ResponseStream.Current.Text);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(["UN", "DEUX", "TROIS"], replies);
    }

    [Fact]
    public async Task Deadline_gives_deadline_exceeded_and_the_grpc_js_handler_sees_the_cancellation()
    {
        await peer.Client.SayAsync(new EchoRequest { Text = "warm-up" }, deadline: Deadline); // the deadline is the handler's alone
        var callId = "ours-" + Guid.NewGuid().ToString("N");
        var exception = await Assert.ThrowsAsync<RpcException>(async () =>
            await peer.Client.SayAsync(new EchoRequest { Text = callId, DelayMs = 20_000 }, deadline: DateTime.UtcNow.AddSeconds(1)));
        Assert.Equal(StatusCode.DeadlineExceeded, exception.StatusCode);
        Assert.True(await peer.Server.SawCancellationAsync(callId, TimeSpan.FromSeconds(15)), "grpc-js never saw the call cancelled");
    }

    [Fact]
    public async Task Metadata_flows_both_ways_in_headers_and_trailers()
    {
        using var call = peer.Client.SayAsync(new EchoRequest { Text = "m" }, new Metadata { { "x-ctg-echo", "valeur-7" } }, Deadline);
        var headers = await call.ResponseHeadersAsync;
        var reply = await call;
        var trailers = call.GetTrailers();
        Assert.Equal("valeur-7", reply.EchoHeader);
        Assert.Equal("valeur-7", headers.GetValue(EchoService.ResponseHeader));
        Assert.Equal("valeur-7!", trailers.GetValue(EchoService.ResponseTrailer));
        Assert.Equal(EchoService.BinaryTrailerValue, trailers.GetValueBytes(EchoService.BinaryTrailer));
    }

    [Fact]
    public async Task Status_and_non_ascii_message_round_trip()
    {
        const string message = "Convention échue : signataire déjà résilié — 100 %";
        var exception = await Assert.ThrowsAsync<RpcException>(async () =>
            await peer.Client.SayAsync(new EchoRequest { Text = message, FailWithCode = (int)StatusCode.FailedPrecondition }, deadline: Deadline));
        Assert.Equal(StatusCode.FailedPrecondition, exception.StatusCode);
        Assert.Equal(message, exception.Status.Detail);
    }

    [Fact]
    public async Task Error_details_from_grpc_js_decode_into_field_violations()
    {
        var exception = await Assert.ThrowsAsync<RpcException>(async () => await peer.Client.SayAsync(new EchoRequest
        {
            Text = "Requête invalide",
            FailWithCode = (int)StatusCode.InvalidArgument,
            Violations = { "periode.debut=doit précéder la fin", "cafId=inconnu" },
        }, deadline: Deadline));
        Assert.Equal(StatusCode.InvalidArgument, exception.StatusCode);
        Assert.Equal("Requête invalide", exception.GetRpcStatus()!.Message);
        Assert.Equal(
            [("periode.debut", "doit précéder la fin"), ("cafId", "inconnu")],
            exception.FieldViolations().Select(v => (v.Field, v.Description)).ToArray());
    }

    [Fact]
    public async Task Unknown_method_gives_unimplemented()
    {
        var method = new Method<EchoRequest, EchoReply>(MethodType.Unary, "ctg.testing.v1.Echo", "Nope",
            Marshallers.Create(r => r.ToByteArray(), EchoRequest.Parser.ParseFrom), Marshallers.Create(r => r.ToByteArray(), EchoReply.Parser.ParseFrom));
        var exception = await Assert.ThrowsAsync<RpcException>(async () =>
            await peer.Channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(deadline: Deadline), new EchoRequest()));
        Assert.Equal(StatusCode.Unimplemented, exception.StatusCode);
    }

    [Fact]
    public async Task Gzip_compressed_request_is_understood_by_grpc_js()
    {
        var payload = ByteString.CopyFrom(Enumerable.Repeat((byte)'c', 48 * 1024).ToArray());
        var reply = await peer.Client.SayAsync(new EchoRequest { Text = "gz", Payload = payload },
            new Metadata { { CtgGrpcChannel.RequestCompressionHeader, "gzip" } }, Deadline);
        Assert.Equal("gz", reply.Text);
        Assert.Equal(payload, reply.Payload);
    }
}
