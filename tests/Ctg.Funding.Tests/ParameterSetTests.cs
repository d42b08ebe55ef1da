using Ctg.Data;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.Structures.V1;
using Ctg.Testing;
using Dapper;
using Grpc.Core;

namespace Ctg.Funding.Tests;

/// <summary>
/// Barèmes as managed data (issue 13): a parameter set loaded through the RPC is stored with its number, source,
/// effective date and hash, and the next computation of the same running service uses it. Each test starts its
/// own funding service (own database) on the harness's upstream services, so the shared one keeps the shipped set.
/// </summary>
[Collection(FundingCollection.Name)]
public sealed class ParameterSetTests(FundingHarness harness)
{
    private static readonly string[] LinearCeilings =
    [
        "psu/prix_plafond/lineaire/maximum/avec_fournitures.yaml", "psu/prix_plafond/lineaire/maximum/sans_fournitures.yaml",
        "psu/prix_plafond/lineaire/minimum/avec_fournitures.yaml", "psu/prix_plafond/lineaire/minimum/sans_fournitures.yaml",
    ];

    private static string Ceiling(decimal value) => $"""
        description: "Prix plafond horaire PSU à partir de 2025 (barème de test)"
        metadata:
          unit: eur_per_hour
        values:
          2025-01-01:
            value: {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}
            reference:
              title: "Barème CNAF des prestations de service 2025 (test)"
              url: "https://www.caf.fr/partenaires"
            confidence: P
        """;

    private static LoadParameterSetRequest LinearCeilingsAt(decimal value, Ctg.Common.V1.Date? effectiveFrom = null)
    {
        var request = new LoadParameterSetRequest { SourceNote = "circulaire CNAF barèmes 2025 (test)", EffectiveFrom = effectiveFrom };
        request.Files.AddRange(LinearCeilings.Select(p => new ParameterFile { Path = p, Yaml = Ceiling(value) }));
        return request;
    }

    private async Task<StructureFundingResult> ComputeCrecheAsync(ServiceUnderTest funding) =>
        await new FundingComputations.FundingComputationsClient(funding.Channel).ComputeStructureAsync(new ComputeStructureRequest
        {
            StructureId = PrestationWithoutCtgTests.Creche, Year = 2025, DeclarationVersion = DeclarationVersion.Reel,
        });

    [Fact]
    public async Task A_set_loaded_through_the_RPC_is_used_by_the_next_computation_without_a_restart()
    {
        await PrestationWithoutCtgTests.DeclareAsync(harness, PrestationWithoutCtgTests.Creche, 2025, PrestationWithoutCtgTests.CrecheFigures());
        await using var funding = await harness.StartFundingAsync(new());
        var sets = new ParameterSets.ParameterSetsClient(funding.Channel);

        var before = await ComputeCrecheAsync(funding);
        Assert.False(before.Lines.Single(l => l.RuleId == "PSU").Computable);
        Assert.Equal(0, before.ParameterSetNumber);

        var loaded = await sets.LoadParameterSetAsync(LinearCeilingsAt(10m));
        Assert.Equal(1, loaded.Number);
        Assert.True(loaded.InForce);
        Assert.Equal("circulaire CNAF barèmes 2025 (test)", loaded.SourceNote);
        Assert.Equal(LinearCeilings.Select(Ctg.Funding.Engine.Parameters.Loading.ParameterLoader.KeyOf).Order(StringComparer.Ordinal), loaded.ChangedKeys);
        Assert.Matches("^[0-9a-f]{64}$", loaded.ContentHash);
        Assert.NotEqual(before.ParameterSetHash, loaded.ContentHash);
        Assert.Equal(TestIdentity.StaffUser, loaded.AuthorSubject);

        // PPmax = PPmin = 10 €/h, so PP = 10 €/h whatever t; PRH = 414 306 / 49 277 = 8,41 €/h < PP.
        // PSU = (0,66 × 414 306 − 60 000) × 0,95 = 213 441,96 × 0,95 = 202 769,862 → 202 769,86 €.
        var after = await ComputeCrecheAsync(funding);
        var psu = after.Lines.Single(l => l.RuleId == "PSU");
        Assert.True(psu.Computable);
        Assert.Equal(20276986, psu.Amount.Cents);
        Assert.Equal(loaded.ContentHash, after.ParameterSetHash);
        Assert.Equal(1, after.ParameterSetNumber);

        var list = await sets.ListParameterSetsAsync(new ListParameterSetsRequest());
        Assert.Equal(new[] { (1, true), (0, false) }, list.Sets.Select(s => (s.Number, s.InForce)));
        Assert.Equal(before.ParameterSetHash, list.Sets[1].ContentHash);

        var diff = await sets.DiffParameterSetsAsync(new DiffParameterSetsRequest { BaseNumber = 0, OtherNumber = 1 });
        Assert.Equal(4, diff.Differences.Count);
        var max = diff.Differences.Single(d => d.Key == "psu.prix_plafond.lineaire.maximum.avec_fournitures");
        Assert.Equal(ParameterChange.Changed, max.Change);
        Assert.Empty(max.BaseValues);
        Assert.Equal(new[] { "2025-01-01 = 10 (P)" }, max.OtherValues);

        var content = await sets.GetParameterSetAsync(new GetParameterSetRequest { InForce = true });
        Assert.Equal(1, content.Summary.Number);
        Assert.Equal(Ceiling(10m), content.Files.Single(f => f.Path == LinearCeilings[0]).Yaml);
    }

    [Fact]
    public async Task A_set_effective_in_the_future_is_stored_but_not_used_yet()
    {
        await PrestationWithoutCtgTests.DeclareAsync(harness, PrestationWithoutCtgTests.Creche, 2025, PrestationWithoutCtgTests.CrecheFigures());
        await using var funding = await harness.StartFundingAsync(new());
        var sets = new ParameterSets.ParameterSetsClient(funding.Channel);

        var loaded = await sets.LoadParameterSetAsync(LinearCeilingsAt(10m, new Ctg.Common.V1.Date { Year = 2099, Month = 1, Day = 1 }));

        Assert.False(loaded.InForce);
        var result = await ComputeCrecheAsync(funding);
        Assert.Equal(0, result.ParameterSetNumber);
        Assert.False(result.Lines.Single(l => l.RuleId == "PSU").Computable);
    }

    [Fact]
    public async Task An_invalid_file_is_refused_with_its_field_and_nothing_is_stored()
    {
        await using var funding = await harness.StartFundingAsync(new());
        var sets = new ParameterSets.ParameterSetsClient(funding.Channel);
        var request = LinearCeilingsAt(10m);
        request.Files[2].Yaml = request.Files[2].Yaml.Replace("confidence: P", "confidence: X", StringComparison.Ordinal);

        var e = await Assert.ThrowsAsync<RpcException>(async () => await sets.LoadParameterSetAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        // The loader's every error on that file: the bad tag, and so the file is left with no valid value.
        Assert.All(e.FieldViolations(), v => Assert.Equal("files[2].yaml", v.Field));
        Assert.Equal(
            [
                "psu/prix_plafond/lineaire/minimum/avec_fournitures.yaml: value of 2025-01-01: confidence 'X' must be one of P, S, D, C, NF",
                "psu/prix_plafond/lineaire/minimum/avec_fournitures.yaml: no value: the file must say why under absence.reason (documented absence)",
            ],
            e.FieldViolations().Select(v => v.Description));
        Assert.Equal(0, await FundingHarness.CountAsync(funding, "parameter_sets"));
        Assert.Equal(0, await FundingHarness.CountAsync(funding, "parameter_set_files"));
    }

    [Fact]
    public async Task A_load_without_source_or_that_drops_a_key_the_rules_read_is_refused()
    {
        await using var funding = await harness.StartFundingAsync(new());
        var sets = new ParameterSets.ParameterSetsClient(funding.Channel);

        var noSource = LinearCeilingsAt(10m);
        noSource.SourceNote = " ";
        var e = await Assert.ThrowsAsync<RpcException>(async () => await sets.LoadParameterSetAsync(noSource));
        Assert.Equal((StatusCode.InvalidArgument, "source_note"), (e.StatusCode, Assert.Single(e.FieldViolations()).Field));

        var whole = LinearCeilingsAt(10m);
        whole.ReplaceAll = true;
        e = await Assert.ThrowsAsync<RpcException>(async () => await sets.LoadParameterSetAsync(whole));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(e.FieldViolations(), v => v.Field == "files" && v.Description == "parameter 'psu.taux' is read by the rules and must stay defined");

        var badPath = LinearCeilingsAt(10m);
        badPath.Files[1].Path = "../psu/taux.yaml";
        e = await Assert.ThrowsAsync<RpcException>(async () => await sets.LoadParameterSetAsync(badPath));
        Assert.Equal("files[1].path", Assert.Single(e.FieldViolations()).Field);
        Assert.Equal(0, await FundingHarness.CountAsync(funding, "parameter_sets"));
    }

    [Fact]
    public async Task An_effective_date_that_is_not_a_calendar_date_or_outside_2000_to_2100_is_refused()
    {
        await using var funding = await harness.StartFundingAsync(new());
        var sets = new ParameterSets.ParameterSetsClient(funding.Channel);

        var monthZero = await Assert.ThrowsAsync<RpcException>(async () =>
            await sets.LoadParameterSetAsync(LinearCeilingsAt(10m, new Ctg.Common.V1.Date { Year = 2025, Month = 0, Day = 1 })));
        var tooEarly = await Assert.ThrowsAsync<RpcException>(async () =>
            await sets.LoadParameterSetAsync(LinearCeilingsAt(10m, new Ctg.Common.V1.Date { Year = 1999, Month = 12, Day = 31 })));

        Assert.Equal((StatusCode.InvalidArgument, "effective_from", "2025-00-01 is not a calendar date"),
            (monthZero.StatusCode, Assert.Single(monthZero.FieldViolations()).Field, monthZero.FieldViolations()[0].Description));
        Assert.Equal((StatusCode.InvalidArgument, "effective_from", "must be a date between 2000 and 2100"),
            (tooEarly.StatusCode, Assert.Single(tooEarly.FieldViolations()).Field, tooEarly.FieldViolations()[0].Description));
        Assert.Equal(0, await FundingHarness.CountAsync(funding, "parameter_sets"));
    }

    [Fact]
    public async Task A_stored_set_can_be_neither_changed_nor_deleted()
    {
        await using var funding = await harness.StartFundingAsync(new());
        await new ParameterSets.ParameterSetsClient(funding.Channel).LoadParameterSetAsync(LinearCeilingsAt(9m));

        var connections = (IDbConnectionFactory)funding.Services.GetService(typeof(IDbConnectionFactory))!;
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync("UPDATE parameter_sets SET source_note = 'x'"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync("DELETE FROM parameter_set_files"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync("DELETE FROM parameter_sets"));
        // A set stores all its files (the shipped ones it was merged into, four of them replaced).
        Assert.Equal(Ctg.Funding.Engine.Parameters.Loading.ParameterLoader.ReadEmbedded().Count, await FundingHarness.CountAsync(funding, "parameter_set_files"));
    }

    [Fact]
    public async Task A_run_records_the_number_and_hash_of_the_set_in_force()
    {
        await using var funding = await harness.StartFundingAsync(new());
        var loaded = await new ParameterSets.ParameterSetsClient(funding.Channel).LoadParameterSetAsync(LinearCeilingsAt(11m));

        var run = await new AllocationRuns.AllocationRunsClient(funding.Channel).RunAllocationAsync(new RunAllocationRequest
        {
            ConventionId = JuraNord.ConventionId, Year = JuraNord.Year, DeclarationVersion = DeclarationVersion.Reel,
        });

        Assert.Equal((1, "set:1", loaded.ContentHash), (run.ParameterSetNumber, run.ParameterSetVersion, run.ParameterSetHash));
    }
}
