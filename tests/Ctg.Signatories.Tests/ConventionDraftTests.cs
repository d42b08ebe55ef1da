using Ctg.Signatories.V1;
using Grpc.Core;

namespace Ctg.Signatories.Tests;

public sealed class ConventionDraftTests
{
    [Fact]
    public async Task A_draft_keeps_its_terms_and_starts_at_version_1()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();

        var convention = await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft("ctg-25-test-2025"));

        Assert.Equal("ctg-25-test-2025", convention.ConventionId);
        Assert.Equal("25", convention.CafDepartement);
        Assert.Equal(ConventionStatus.Draft, convention.Status);
        Assert.Equal(1, convention.Version);
        Assert.Equal(new[] { "25388", "25539", "25020" }, convention.Territory.Communes.Select(c => c.InseeCode));
        Assert.Equal(24672, convention.Territory.Communes[0].LegalPopulation);
        Assert.Equal(D.Of(2029, 12, 31), convention.Period.End);
        var fetched = await harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = "ctg-25-test-2025" });
        Assert.Equal(convention.Name, fetched.Name);
        Assert.Equal(4, fetched.Fields.Count);
    }

    [Fact]
    public async Task A_draft_without_id_gets_a_generated_one_and_a_taken_id_is_already_exists()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        var generated = await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft(""));
        Assert.StartsWith("ctg-", generated.ConventionId);

        await harness.Conventions.CreateConventionDraftAsync(Scenario.Draft("ctg-taken"));
        var fields = await Expect.StatusAsync(StatusCode.AlreadyExists,
            () => harness.Conventions.CreateConventionDraftAsync(Scenario.Draft("ctg-taken")).ResponseAsync);
        Assert.Equal(new[] { "convention_id" }, fields);
    }

    [Theory]
    [InlineData("2A004")]   // Ajaccio
    [InlineData("2B033")]   // Bastia
    [InlineData("97411")]   // Saint-Denis (La Réunion)
    [InlineData("01001")]
    public async Task Corsican_and_overseas_insee_codes_are_accepted(string insee)
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        var request = Scenario.Draft("ctg-codes");
        request.Territory.Communes.Add(Scenario.Commune(insee, "Commune " + insee, 1000));

        var convention = await harness.Conventions.CreateConventionDraftAsync(request);

        Assert.Equal(insee, convention.Territory.Communes[3].InseeCode);
    }

    [Theory]
    [InlineData("2C004")]
    [InlineData("20004")]
    [InlineData("98001")]
    [InlineData("97711")]
    [InlineData("2538")]
    [InlineData("253888")]
    [InlineData("25A88")]
    public async Task An_unknown_insee_code_format_is_invalid_and_nothing_is_written(string insee)
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        var request = Scenario.Draft("ctg-bad-code");
        request.Territory.Communes[2].InseeCode = insee;

        var fields = await Expect.StatusAsync(StatusCode.InvalidArgument,
            () => harness.Conventions.CreateConventionDraftAsync(request).ResponseAsync);

        Assert.Equal(new[] { "territory.communes[2].insee_code" }, fields);
        Assert.Equal(0, await harness.CountAsync("conventions"));
    }

    [Fact]
    public async Task A_period_not_starting_on_1_january_is_invalid()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        var request = Scenario.Draft("ctg-bad-start");
        request.Period.Start = D.Of(2025, 3, 1);

        var fields = await Expect.StatusAsync(StatusCode.InvalidArgument,
            () => harness.Conventions.CreateConventionDraftAsync(request).ResponseAsync);

        Assert.Equal(new[] { "period.start" }, fields);
    }

    [Fact]
    public async Task A_period_over_5_years_is_invalid_but_31_december_of_N_plus_4_is_fine()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        var request = Scenario.Draft("ctg-too-long");
        request.Period.End = D.Of(2030, 1, 1);

        var fields = await Expect.StatusAsync(StatusCode.InvalidArgument,
            () => harness.Conventions.CreateConventionDraftAsync(request).ResponseAsync);

        Assert.Equal(new[] { "period.end" }, fields);
        Assert.Equal(0, await harness.CountAsync("conventions"));

        var shorter = Scenario.Draft("ctg-three-years");
        shorter.Period.End = D.Of(2027, 12, 31);
        Assert.Equal(D.Of(2027, 12, 31), (await harness.Conventions.CreateConventionDraftAsync(shorter)).Period.End);
    }

    [Fact]
    public async Task Every_violation_of_a_draft_is_reported_at_once()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();
        var request = Scenario.Draft("ctg-many-errors");
        request.CafDepartement = "20";
        request.Name = " ";
        request.Territory.Communes[1].InseeCode = request.Territory.Communes[0].InseeCode;
        request.Territory.Communes[2].LegalPopulation = -1;
        request.Fields.Add(FieldOfIntervention.Enfance);

        var fields = await Expect.StatusAsync(StatusCode.InvalidArgument,
            () => harness.Conventions.CreateConventionDraftAsync(request).ResponseAsync);

        Assert.Equal(
            new[] { "caf_departement", "name", "territory.communes[1].insee_code", "territory.communes[2].legal_population", "fields[4]" },
            fields);
    }

    [Fact]
    public async Task Unknown_convention_is_not_found()
    {
        await using var harness = await SignatoriesHarness.StartSqliteAsync();

        await Expect.StatusAsync(StatusCode.NotFound,
            () => harness.Conventions.GetConventionAsync(new GetConventionRequest { ConventionId = "nope" }).ResponseAsync);
        await Expect.StatusAsync(StatusCode.NotFound,
            () => harness.Directory.GetSignatoryAsync(new GetSignatoryRequest { SignatoryId = "nope" }).ResponseAsync);
    }
}
