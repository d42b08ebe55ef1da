using Grpc.Core;

namespace Ctg.Benchmarks;

/// <summary>The least a handler needs to be invoked directly, without any transport: the lower bound.</summary>
public sealed class InProcessCallContext : ServerCallContext
{
    private readonly Metadata _trailers = [];

    protected override string MethodCore => "/ctg.testing.v1.Echo/Say";
    protected override string HostCore => "in-process";
    protected override string PeerCore => "in-process";
    protected override DateTime DeadlineCore => DateTime.MaxValue;
    protected override Metadata RequestHeadersCore => [];
    protected override CancellationToken CancellationTokenCore => CancellationToken.None;
    protected override Metadata ResponseTrailersCore => _trailers;
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore => new(null, []);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
