using Ctg.Funding.Api;
using Ctg.Reporting;
using Ctg.Signatories;
using Ctg.Structures;
using Ctg.Structures.Shared;
using Ctg.Testing;

namespace Ctg.Security.Tests;

/// <summary>The four services in-process, wired to each other as deployed and trusting the test identity provider.</summary>
public sealed class SecuredPlatform : IAsyncLifetime
{
    private static readonly string NoDapr = $"http://127.0.0.1:{FreePort.Next()}";

    public ServiceUnderTest Signatories { get; private set; } = null!;
    public ServiceUnderTest Structures { get; private set; } = null!;
    public ServiceUnderTest Funding { get; private set; } = null!;
    public ServiceUnderTest Reporting { get; private set; } = null!;

    /// <summary>The services hosting an implementation type: its own service, or every service for a
    /// shared building block (the audit log).</summary>
    public IReadOnlyList<(string Name, ServiceUnderTest Service)> Hosting(Type implementation) =>
        implementation.Assembly == typeof(SignatoriesApp).Assembly ? [("signatories", Signatories)]
        : implementation.Assembly == typeof(StructuresApp).Assembly ? [("structures", Structures)]
        : implementation.Assembly == typeof(FundingApp).Assembly ? [("funding", Funding)]
        : implementation.Assembly == typeof(ReportingApp).Assembly ? [("reporting", Reporting)]
        : [("signatories", Signatories), ("structures", Structures), ("funding", Funding), ("reporting", Reporting)];

    public async Task InitializeAsync()
    {
        Signatories = await ServiceUnderTest.StartAsync(SignatoriesApp.Build, new() { ["Dapr:HttpEndpoint"] = NoDapr });
        Structures = await ServiceUnderTest.StartAsync(StructuresApp.Build, new()
        {
            ["Services:Signatories"] = Signatories.GrpcAddress.ToString(),
            ["Dapr:HttpEndpoint"] = NoDapr,
        });
        Funding = await ServiceUnderTest.StartAsync(FundingApp.Build, new()
        {
            ["Services:Structures"] = Structures.GrpcAddress.ToString(),
            ["Services:Signatories"] = Signatories.GrpcAddress.ToString(),
            ["Dapr:HttpEndpoint"] = NoDapr,
        });
        Reporting = await ServiceUnderTest.StartAsync(ReportingApp.Build, new() { ["Dapr:HttpEndpoint"] = NoDapr });
    }

    public async Task DisposeAsync()
    {
        foreach (var service in new[] { Reporting, Funding, Structures, Signatories })
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SecuredPlatformCollection : ICollectionFixture<SecuredPlatform>
{
    public const string Name = "secured platform";
}
