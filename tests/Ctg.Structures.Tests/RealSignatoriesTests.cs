using Ctg.Signatories;
using Ctg.Signatories.V1;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Ctg.Testing;
using Grpc.Core;
using static Ctg.Structures.Tests.Samples;

namespace Ctg.Structures.Tests;

/// <summary>Against the real signatories service (its demo data loaded): the ids the structures demo data
/// uses resolve, and an unknown signatory is refused.</summary>
public sealed class RealSignatoriesTests
{
    [Fact]
    public async Task The_demo_data_resolves_against_the_real_signatories_service()
    {
        await using var signatories = await ServiceUnderTest.StartAsync(SignatoriesApp.Build, new() { ["Dapr:HttpEndpoint"] = "http://127.0.0.1:9" });
        await new Conventions.ConventionsClient(signatories.Channel).LoadDemoDataAsync(new Ctg.Signatories.V1.LoadDemoDataRequest());
        await using var structures = await ServiceUnderTest.StartAsync(StructuresApp.Build, new()
        {
            ["Services:Signatories"] = signatories.GrpcAddress.ToString(),
            ["Services:SignatoriesClient:Deadline"] = "00:00:05",
            ["Dapr:HttpEndpoint"] = "http://127.0.0.1:9",
        });
        var import = new StructureImport.StructureImportClient(structures.Channel);
        var registry = new StructureRegistry.StructureRegistryClient(structures.Channel);

        var loaded = await import.LoadDemoDataAsync(new Ctg.Structures.V1.LoadDemoDataRequest());

        Assert.Equal([11, 11, 60], loaded.Reports.Select(r => r.RowsImported));
        var fraisans = await registry.GetStructureAsync(new GetStructureRequest { StructureId = "str-39-jn-multi-accueil-fraisans" });
        Assert.Equal("ctg-39-jura-nord-2019", fraisans.ConventionId);
        var audincourt = await registry.GetStructureAsync(new GetStructureRequest { StructureId = "str-25-pma-eaje-audincourt" });
        Assert.Equal("ctg-25-pays-de-montbeliard-2023", audincourt.ConventionId);

        var unknown = await Fails(registry.RegisterStructureAsync(new RegisterStructureRequest { Details = Eaje(supporting: "ctg-39-jura-nord-2019-commune-00000") }));
        Assert.Equal(StatusCode.InvalidArgument, unknown.StatusCode);
        Assert.Equal(["details.supporting_collectivity_id"], unknown.Fields());
    }
}
