using Ctg.Testing;

namespace Ctg.Platform.Tests.Transport;

/// <summary>Our Echo service on real loopback ports, configured the way the transport tests need:
/// a 64 KiB message limit (Service:MaxMessageBytes) and gzip responses (Service:ResponseCompression).</summary>
public sealed class EchoServerFixture : IAsyncLifetime
{
    public const int MaxMessageBytes = 64 * 1024;

    public ServiceUnderTest Service { get; private set; } = null!;

    public CancellationProbe Probe => (CancellationProbe)Service.Services.GetService(typeof(CancellationProbe))!;

    public async Task InitializeAsync() =>
        Service = await ServiceUnderTest.StartAsync(EchoHost.Build, new()
        {
            ["Service:MaxMessageBytes"] = MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Service:ResponseCompression"] = "gzip",
        });

    public async Task DisposeAsync() => await Service.DisposeAsync();
}
