using Ctg.Common.V1;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.Structures.V1;
using Grpc.Core;
using static Ctg.Funding.Tests.FundingHarness;

namespace Ctg.Funding.Tests;

/// <summary>Each bad input gets its status code and the exact fields, and nothing is written.</summary>
[Collection(FundingCollection.Name)]
public sealed class BadInputTests(FundingHarness harness)
{
    private async Task<RpcException> FailsWithoutWritingAsync(Func<Task> call)
    {
        var before = await CountAllAsync(harness.Funding);
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(before, await CountAllAsync(harness.Funding));
        return e;
    }

    private Task<SimulateResponse> SimulateEajeAsync(ActivityFigures figures, params ParameterOverride[] overrides)
    {
        var request = new SimulateRequest
        {
            Structure = new ComputeStructureRequest { StructureId = StructureFundingTests.EajeId, Year = 2024, DeclarationVersion = DeclarationVersion.Previsionnel },
            ActivityOverrides = { new ActivityOverride { StructureId = StructureFundingTests.EajeId, Figures = figures } },
        };
        request.ParameterOverrides.AddRange(overrides);
        return harness.Simulation.SimulateAsync(request).ResponseAsync;
    }

    [Fact]
    public async Task Negative_hours_and_costs_are_invalid()
    {
        await StructureFundingTests.EnsureEajeAsync(harness);
        var figures = StructureFundingTests.Figures(30000);
        figures.HoursInvoiced = Dec("-5");
        figures.OperatingCosts = new Money { Cents = -100 };
        var e = await FailsWithoutWritingAsync(() => SimulateEajeAsync(figures));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(
            new[] { "activity_overrides[0].figures.hours_invoiced", "activity_overrides[0].figures.operating_costs" },
            e.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Zero_hours_attended_leaves_the_billing_rate_uncomputable()
    {
        await StructureFundingTests.EnsureEajeAsync(harness);
        var figures = StructureFundingTests.Figures(30000);
        figures.HoursAttended = Dec("0");
        var e = await FailsWithoutWritingAsync(() => SimulateEajeAsync(figures));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var violation = Assert.Single(e.FieldViolations());
        Assert.Equal("activity_overrides[0].figures.hours_attended", violation.Field);
        Assert.Contains("billing rate", violation.Description);
    }

    [Fact]
    public async Task An_unknown_parameter_key_in_overrides_is_invalid()
    {
        await StructureFundingTests.EnsureEajeAsync(harness);
        var e = await FailsWithoutWritingAsync(() => SimulateEajeAsync(StructureFundingTests.Figures(30000),
            new ParameterOverride { Key = "psu.taux", Value = "0.66" }, new ParameterOverride { Key = "psu.taux_magique", Value = "1" }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("parameter_overrides[1].key", Assert.Single(e.FieldViolations()).Field);
    }

    [Fact]
    public async Task A_year_outside_the_convention_is_invalid_for_an_allocation()
    {
        var e = await FailsWithoutWritingAsync(() => harness.Runs.RunAllocationAsync(new RunAllocationRequest
        {
            ConventionId = JuraNord.ConventionId, Year = 2025, DeclarationVersion = DeclarationVersion.Reel,
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("year", Assert.Single(e.FieldViolations()).Field);
    }

    [Fact]
    public async Task An_allocation_for_an_unsigned_ctg_fails_its_precondition()
    {
        var id = "ctg-39-test-draft-" + Guid.NewGuid().ToString("N")[..8];
        await harness.Conventions.CreateConventionDraftAsync(new Ctg.Signatories.V1.CreateConventionDraftRequest
        {
            ConventionId = id,
            CafDepartement = "39",
            Name = "CTG brouillon (test)",
            Territory = new Ctg.Signatories.V1.Territory { Communes = { new Ctg.Signatories.V1.Commune { InseeCode = "39217", Name = "Fraisans" } } },
            Period = new Ctg.Signatories.V1.Period { Start = new Date { Year = 2024, Month = 1, Day = 1 }, End = new Date { Year = 2028, Month = 12, Day = 31 } },
            Fields = { Ctg.Signatories.V1.FieldOfIntervention.PetiteEnfance, Ctg.Signatories.V1.FieldOfIntervention.Jeunesse, Ctg.Signatories.V1.FieldOfIntervention.Parentalite, Ctg.Signatories.V1.FieldOfIntervention.AccesAuxDroits },
        });
        var e = await FailsWithoutWritingAsync(() => harness.Runs.RunAllocationAsync(new RunAllocationRequest
        {
            ConventionId = id, Year = 2025, DeclarationVersion = DeclarationVersion.Reel,
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("convention_id", Assert.Single(e.FieldViolations()).Field);
    }

    [Fact]
    public async Task An_allocation_missing_a_declaration_fails_its_precondition_naming_the_structures()
    {
        var e = await FailsWithoutWritingAsync(() => harness.Runs.RunAllocationAsync(new RunAllocationRequest
        {
            ConventionId = JuraNord.ConventionId, Year = 2021, DeclarationVersion = DeclarationVersion.Previsionnel,
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal(JuraNord.Structures.Select(s => $"structures[{s.Id}].declaration").Order(StringComparer.Ordinal),
            e.FieldViolations().Select(v => v.Field));
    }

    [Fact]
    public async Task An_unknown_convention_is_not_found()
    {
        var e = await FailsWithoutWritingAsync(() => harness.Runs.RunAllocationAsync(new RunAllocationRequest
        {
            ConventionId = "ctg-00-nowhere", Year = 2021, DeclarationVersion = DeclarationVersion.Reel,
        }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task Missing_request_fields_are_all_reported_at_once()
    {
        var e = await FailsWithoutWritingAsync(() => harness.Runs.RunAllocationAsync(new RunAllocationRequest()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(new[] { "convention_id", "year", "declaration_version" }, e.FieldViolations().Select(v => v.Field));
    }
}
