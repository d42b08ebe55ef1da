using Ctg.ServiceDefaults;
using Ctg.Testing;
using Ctg.Testing.V1;
using Grpc.Core;

namespace Ctg.Platform.Tests.Transport;

/// <summary>The retry pipeline services use between themselves retries transport failures only.</summary>
public sealed class GrpcRetryTests(EchoServerFixture server) : IClassFixture<EchoServerFixture>
{
    private static readonly Polly.ResiliencePipeline FastRetry = GrpcRetry.Create(maxRetryAttempts: 3, firstDelay: TimeSpan.FromMilliseconds(1));

    [Fact]
    public async Task Unavailable_is_retried_until_the_attempts_run_out()
    {
        using var channel = CtgGrpcChannel.Create(server.Service.GrpcAddress);
        var client = new Echo.EchoClient(channel);
        var attempts = 0;
        var exception = await Assert.ThrowsAsync<RpcException>(async () => await FastRetry.ExecuteAsync(async ct =>
        {
            attempts++;
            return await client.SayAsync(new EchoRequest { Text = "down", FailWithCode = (int)StatusCode.Unavailable }, cancellationToken: ct);
        }));
        Assert.Equal(StatusCode.Unavailable, exception.StatusCode);
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task A_refused_connection_is_unavailable_and_retried()
    {
        using var channel = CtgGrpcChannel.Create(new Uri($"http://127.0.0.1:{FreePort.Next()}"));
        var client = new Echo.EchoClient(channel);
        var attempts = 0;
        var exception = await Assert.ThrowsAsync<RpcException>(async () => await FastRetry.ExecuteAsync(async ct =>
        {
            attempts++;
            return await client.SayAsync(new EchoRequest { Text = "nobody" }, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: ct);
        }));
        Assert.Equal(StatusCode.Unavailable, exception.StatusCode);
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task Business_errors_are_not_retried()
    {
        using var channel = CtgGrpcChannel.Create(server.Service.GrpcAddress);
        var client = new Echo.EchoClient(channel);
        var attempts = 0;
        var exception = await Assert.ThrowsAsync<RpcException>(async () => await FastRetry.ExecuteAsync(async ct =>
        {
            attempts++;
            return await client.SayAsync(new EchoRequest { Text = "nope", FailWithCode = (int)StatusCode.InvalidArgument }, cancellationToken: ct);
        }));
        Assert.Equal(StatusCode.InvalidArgument, exception.StatusCode);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_success_after_transient_failures_is_returned()
    {
        using var channel = CtgGrpcChannel.Create(server.Service.GrpcAddress);
        var client = new Echo.EchoClient(channel);
        var attempts = 0;
        var reply = await FastRetry.ExecuteAsync(async ct =>
        {
            attempts++;
            var failWith = attempts < 3 ? (int)StatusCode.Unavailable : 0;
            return await client.SayAsync(new EchoRequest { Text = "enfin", FailWithCode = failWith }, cancellationToken: ct);
        });
        Assert.Equal("enfin", reply.Text);
        Assert.Equal(3, attempts);
    }
}
