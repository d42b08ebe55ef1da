using Ctg.Testing.V1;
using Grpc.Core;

namespace Ctg.Benchmarks;

/// <summary>The unary Echo/Say the benchmark measures: as little work as a handler can do, so the
/// numbers are the transport's.</summary>
public sealed class BenchEchoService : Echo.EchoBase
{
    public override Task<EchoReply> Say(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Text = request.Text });
}
