using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Grpc.Core;
using static Ctg.Structures.Tests.Samples;

namespace Ctg.Structures.Tests;

public sealed class ReferenceTests
{
    [Fact]
    public async Task A_reference_is_recorded_in_cents_with_its_units_and_published()
    {
        await using var h = await StructuresHarness.StartAsync();
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-eaje", Details = Eaje() });

        var r = await h.References.RecordReferenceAsync(new RecordReferenceRequest
        {
            StructureId = "str-eaje", ReferenceYear = 2018, Amount = Cents(8244200), Unit = ReferenceUnit.Places, ReferenceUnits = Dec("30"),
        });

        Assert.Equal(8244200, r.Amount.Cents);
        Assert.Equal("30", r.ReferenceUnits.Value);
        Assert.Equal(StructureKind.EajePsu, r.Kind);
        var listed = await h.References.ListReferencesAsync(new ListReferencesRequest { ConventionId = "ctg-39-jura-nord-2019" });
        Assert.Equal([r], listed.References);
        var (topic, data) = (await h.OutboxAsync())[^1];
        Assert.Equal("structures.reference-recorded.v1", topic);
        Assert.Equal(8244200, data.GetProperty("amountCents").GetInt64());
        Assert.Equal("places", data.GetProperty("unit").GetString());
        Assert.Equal(30m, data.GetProperty("referenceUnits").GetDecimal());
        Assert.Equal("eaje_psu", data.GetProperty("kind").GetString());
        Assert.Equal(2018, data.GetProperty("referenceYear").GetInt32());
        Assert.Equal("ctg-39-jura-nord-2019-cc-jura-nord", data.GetProperty("supportingCollectivityId").GetString());
        Assert.Equal("ctg-39-jura-nord-2019", data.GetProperty("conventionId").GetString());
        Assert.Equal("Fraisans", data.GetProperty("communeName").GetString());
    }

    [Fact]
    public async Task Bad_references_are_rejected_with_field_violations_and_nothing_written()
    {
        await using var h = await StructuresHarness.StartAsync();
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-eaje", Details = Eaje() });
        await h.Registry.RegisterStructureAsync(new RegisterStructureRequest { StructureId = "str-mam", Details = Of(StructureKind.Mam, "MAM") });
        await h.References.RecordReferenceAsync(new RecordReferenceRequest { StructureId = "str-eaje", ReferenceYear = 2018, Amount = Cents(100), Unit = ReferenceUnit.Places, ReferenceUnits = Dec("30") });
        var before = await h.SnapshotAsync();

        async Task Expect(RecordReferenceRequest request, StatusCode code, params string[] fields)
        {
            var e = await Fails(h.References.RecordReferenceAsync(request));
            Assert.Equal(code, e.StatusCode);
            Assert.Equal(fields, e.Fields());
        }

        await Expect(new() { StructureId = "str-eaje", ReferenceYear = 2019, Amount = Cents(-1), Unit = ReferenceUnit.Places, ReferenceUnits = Dec("30") }, StatusCode.InvalidArgument, "amount.cents");
        await Expect(new() { StructureId = "str-eaje", ReferenceYear = 2019, Amount = Cents(1), Unit = ReferenceUnit.Places, ReferenceUnits = Dec("-30") }, StatusCode.InvalidArgument, "reference_units");
        await Expect(new() { StructureId = "str-eaje", ReferenceYear = 2019, Amount = Cents(1), Unit = ReferenceUnit.Places, ReferenceUnits = Dec("0") }, StatusCode.InvalidArgument, "reference_units");
        await Expect(new() { StructureId = "str-eaje", ReferenceYear = 2019, Amount = Cents(1), Unit = (ReferenceUnit)42, ReferenceUnits = Dec("3") }, StatusCode.InvalidArgument, "unit");
        await Expect(new() { StructureId = "str-eaje", ReferenceYear = 2019, Amount = Cents(1), Unit = ReferenceUnit.Hours, ReferenceUnits = Dec("3") }, StatusCode.FailedPrecondition, "unit");
        await Expect(new() { StructureId = "str-mam", ReferenceYear = 2019, Amount = Cents(1), Unit = ReferenceUnit.Places, ReferenceUnits = Dec("3") }, StatusCode.FailedPrecondition, "structure_id");
        await Expect(new() { StructureId = "str-eaje", ReferenceYear = 2018, Amount = Cents(1), Unit = ReferenceUnit.Places, ReferenceUnits = Dec("3") }, StatusCode.AlreadyExists, "reference_year");
        await Expect(new() { StructureId = "str-eaje", ReferenceYear = 1999, ReferenceUnits = Dec("3"), Unit = ReferenceUnit.Places }, StatusCode.InvalidArgument, "reference_year", "amount");

        Assert.Equal(before, await h.SnapshotAsync());
    }
}
