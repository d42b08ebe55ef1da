using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Grpc.Core;
using static Ctg.Structures.Tests.Samples;

namespace Ctg.Structures.Tests;

/// <summary>StreamAllocationInputs: what an allocation reads of many CTGs in one stream is, CTG by CTG, exactly what
/// StreamStructures (closed included), ListReferences and StreamConventionDeclarations answer for it.</summary>
public sealed class AllocationInputsTests
{
    // The fake signatories service puts any other signatory in a CTG "ctg-test-<id>".
    private const string Other = "cc-other";
    private const string JuraNordCtg = "ctg-39-jura-nord-2019";

    [Fact]
    public async Task Each_CTG_gets_the_rows_its_three_reads_give_in_the_order_asked()
    {
        await using var h = await StructuresHarness.StartAsync();
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-alsh", Details = Of(StructureKind.Alsh, "ALSH Gendrey", "Gendrey"), EffectiveFrom = D(2015, 1, 1) });
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-eaje", Details = Eaje(), EffectiveFrom = D(2012, 9, 1) });
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-other", Details = Of(StructureKind.Alsh, "ALSH ailleurs", supporting: Other), EffectiveFrom = D(2015, 1, 1) });
        await h.References.RecordReferenceAsync(new RecordReferenceRequest { StructureId = "str-eaje", ReferenceYear = 2018, Amount = Cents(8244200), Unit = ReferenceUnit.Places, ReferenceUnits = Dec("30") });
        await h.References.RecordReferenceAsync(new RecordReferenceRequest { StructureId = "str-eaje", ReferenceYear = 2019, Amount = Cents(8300000), Unit = ReferenceUnit.Places, ReferenceUnits = Dec("30") });
        await h.References.RecordReferenceAsync(new RecordReferenceRequest { StructureId = "str-other", ReferenceYear = 2018, Amount = Cents(1000000), Unit = ReferenceUnit.Hours, ReferenceUnits = Dec("20000") });
        var alsh = new ActivityFigures { HoursAttended = Dec("1000"), OperatingCosts = Cents(100000), RegimeGeneralShare = Dec("1") };
        await h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest { StructureId = "str-alsh", Year = 2024, Version = DeclarationVersion.Reel, Figures = alsh, ReceivedOn = D(2025, 2, 1) });
        await h.Declarations.CorrectDeclarationAsync(new CorrectDeclarationRequest
        {
            StructureId = "str-alsh", Year = 2024, Version = DeclarationVersion.Reel, ExpectedRevision = 1, Reason = "heures de juillet",
            Figures = new ActivityFigures { HoursAttended = Dec("1200"), OperatingCosts = Cents(100000), RegimeGeneralShare = Dec("1") },
        });
        await h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest { StructureId = "str-other", Year = 2024, Version = DeclarationVersion.Reel, Figures = alsh, ReceivedOn = D(2025, 2, 1) });
        await h.Declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest { StructureId = "str-alsh", Year = 2024, Version = DeclarationVersion.Previsionnel, Figures = alsh, ReceivedOn = D(2023, 12, 1) });
        var otherCtg = (await h.Registry.GetStructureAsync(new GetStructureRequest { StructureId = "str-other" })).ConventionId;

        var client = new AllocationData.AllocationDataClient(h.Service.Channel);
        using var call = client.StreamAllocationInputs(new StreamAllocationInputsRequest
        {
            ConventionIds = { otherCtg, JuraNordCtg, "ctg-unknown", otherCtg }, Year = 2024, Version = DeclarationVersion.Reel,
        });
        var streamed = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Equal([otherCtg, JuraNordCtg, "ctg-unknown"], streamed.Select(s => s.ConventionId));
        var juraNord = streamed[1];
        Assert.Equal(["str-alsh", "str-eaje"], juraNord.Structures.Select(s => s.StructureId));
        Assert.Equal([("str-eaje", 2018, 8244200L), ("str-eaje", 2019, 8300000L)], juraNord.References.Select(r => (r.StructureId, r.ReferenceYear, r.Amount.Cents)));
        Assert.Equal([("str-alsh", 2, "1200")], juraNord.Declarations.Select(d => (d.StructureId, d.Revision, d.Figures.HoursAttended.Value)));
        Assert.Empty(streamed[2].Structures);
        Assert.Empty(streamed[2].Declarations);
        foreach (var ctg in streamed.Take(2))
        {
            using var structures = h.Registry.StreamStructures(new StreamStructuresRequest { Filter = new StructureFilter { ConventionId = ctg.ConventionId, IncludeClosed = true } });
            Assert.Equal(await structures.ResponseStream.ReadAllAsync().ToListAsync(), ctg.Structures);
            Assert.Equal((await h.References.ListReferencesAsync(new ListReferencesRequest { ConventionId = ctg.ConventionId })).References, ctg.References);
            using var declarations = h.Declarations.StreamConventionDeclarations(new StreamConventionDeclarationsRequest { ConventionId = ctg.ConventionId, Year = 2024, Version = DeclarationVersion.Reel });
            Assert.Equal(await declarations.ResponseStream.ReadAllAsync().ToListAsync(), ctg.Declarations);
        }
    }

    [Fact]
    public async Task Asking_no_CTG_or_no_year_and_version_is_invalid()
    {
        await using var h = await StructuresHarness.StartAsync();
        var client = new AllocationData.AllocationDataClient(h.Service.Channel);

        using var call = client.StreamAllocationInputs(new StreamAllocationInputsRequest { Year = 1999 });
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.ReadAllAsync().ToListAsync().AsTask());

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(["convention_ids", "version", "year"], e.Fields().Order(StringComparer.Ordinal));
    }
}
