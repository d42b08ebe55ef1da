using Ctg.Common.V1;
using Ctg.Data;
using Ctg.Funding.Api;
using Ctg.Funding.V1;
using Ctg.Signatories;
using Ctg.Structures;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Ctg.Testing;
using Dapper;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using SignatoriesDemo = Ctg.Signatories.V1.LoadDemoDataRequest;

namespace Ctg.Funding.Tests;

/// <summary>
/// The real signatories, structures and funding services, each in-process on its own loopback ports,
/// wired through configuration exactly as deployed (Services:Signatories, Services:Structures), with the
/// seed demo data loaded through the services' own LoadDemoData RPCs.
/// </summary>
public sealed class FundingHarness : IAsyncLifetime
{
    public ServiceUnderTest Signatories { get; private set; } = null!;
    public ServiceUnderTest Structures { get; private set; } = null!;
    public ServiceUnderTest Funding { get; private set; } = null!;

    public GrpcChannel Channel => Funding.Channel;
    public AllocationRuns.AllocationRunsClient Runs => new(Funding.Channel);

    /// <summary>Approvals as a second staff user: the requester of a run may not approve it (four-eyes).</summary>
    public AllocationRuns.AllocationRunsClient Approvals => new(Funding.ChannelAs(TestIdentity.SecondStaffUser));
    public FundingComputations.FundingComputationsClient Computations => new(Funding.Channel);
    public FundingSimulation.FundingSimulationClient Simulation => new(Funding.Channel);
    public ActivityDeclarations.ActivityDeclarationsClient Declarations => new(Structures.Channel);
    public StructureRegistry.StructureRegistryClient Registry => new(Structures.Channel);
    public Ctg.Signatories.V1.Conventions.ConventionsClient Conventions => new(Signatories.Channel);

    /// <summary>Where nothing listens: Dapr is not part of these tests, the outbox keeps its events.</summary>
    public static readonly string NoDapr = $"http://127.0.0.1:{FreePort.Next()}";

    public async Task InitializeAsync()
    {
        Signatories = await ServiceUnderTest.StartAsync(SignatoriesApp.Build, new() { ["Dapr:HttpEndpoint"] = NoDapr });
        Structures = await ServiceUnderTest.StartAsync(StructuresApp.Build, new()
        {
            ["Services:Signatories"] = Signatories.GrpcAddress.ToString(),
            ["Dapr:HttpEndpoint"] = NoDapr,
        });
        Funding = await StartFundingAsync(new());

        await new Ctg.Signatories.V1.Conventions.ConventionsClient(Signatories.Channel).LoadDemoDataAsync(new SignatoriesDemo());
        await JuraNord.ImportSeedAsync(new StructureImport.StructureImportClient(Structures.Channel), Conventions);
        await JuraNord.DeclareEqualActivityAsync(Declarations, JuraNord.Year, DeclarationVersion.Reel);
    }

    /// <summary>A funding service reading from this harness's upstream services, with extra settings.</summary>
    /// <param name="replaceServices">Registrations that win over the service's own (e.g. a fixed clock).</param>
    public Task<ServiceUnderTest> StartFundingAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? replaceServices = null)
    {
        settings.TryAdd("Services:Structures", Structures.GrpcAddress.ToString());
        settings.TryAdd("Services:Signatories", Signatories.GrpcAddress.ToString());
        settings.TryAdd("Dapr:HttpEndpoint", NoDapr);
        return ServiceUnderTest.StartAsync(args => FundingApp.Build(args, replaceServices), settings);
    }

    public static async Task<long> CountAsync(ServiceUnderTest service, string table)
    {
        var connections = (IDbConnectionFactory)service.Services.GetService(typeof(IDbConnectionFactory))!;
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    public static async Task<Dictionary<string, long>> CountAllAsync(ServiceUnderTest service)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "funding_computations", "payment_lines", "allocation_runs", "allocation_run_structures", "outbox" })
        {
            counts[table] = await CountAsync(service, table);
        }

        return counts;
    }

    public async Task DisposeAsync()
    {
        await Funding.DisposeAsync();
        await Structures.DisposeAsync();
        await Signatories.DisposeAsync();
    }

    public static DecimalValue Dec(string value) => new() { Value = value };

    public static Money Euros(long euros) => new() { Cents = euros * 100 };
}

[CollectionDefinition(Name)]
public sealed class FundingCollection : ICollectionFixture<FundingHarness>
{
    public const string Name = "funding services";
}
