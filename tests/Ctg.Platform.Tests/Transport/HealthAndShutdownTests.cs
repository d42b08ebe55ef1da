using System.Diagnostics;
using Ctg.Testing;
using Grpc.Core;
using Grpc.Health.V1;

namespace Ctg.Platform.Tests.Transport;

/// <summary>Health as a client watching a service sees it: SERVING at once, NOT_SERVING when it stops,
/// and an open Watch stream does not hold up the graceful shutdown.</summary>
public sealed class HealthAndShutdownTests
{
    [Fact]
    public async Task Watch_sees_serving_at_once_then_not_serving_at_shutdown_which_stays_fast()
    {
        await using var service = await ServiceUnderTest.StartAsync(EchoHost.Build);
        using var watch = new Health.HealthClient(service.Channel).Watch(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(30));

        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, watch.ResponseStream.Current.Status);

        var clock = Stopwatch.StartNew();
        var stopping = service.App.StopAsync();
        var statuses = new List<HealthCheckResponse.Types.ServingStatus>();
        while (await watch.ResponseStream.MoveNext(CancellationToken.None))
        {
            statuses.Add(watch.ResponseStream.Current.Status);
        }

        await stopping;
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, statuses.Last());
        Assert.Equal(StatusCode.OK, watch.GetStatus().StatusCode);
        // Well under the 15 s ShutdownTimeout an open stream would otherwise cost.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }
}
