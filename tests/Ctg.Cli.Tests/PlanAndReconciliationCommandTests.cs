using Ctg.Cli.Commands;
using Ctg.Presentation.Formatting;
using Ctg.Common.V1;
using Ctg.Reporting.V1;

namespace Ctg.Cli.Tests;

/// <summary><c>ctg plan export</c> and <c>ctg rapprochement</c>: usage errors decided before any call, and the
/// reconciliation as a French reader sees it (Jura Nord 2018, seed 001 l.729 and l.731).</summary>
public sealed class PlanAndReconciliationCommandTests
{
    [Fact]
    public async Task Plan_export_without_a_file_is_a_usage_error_in_french()
    {
        var (exit, console) = await TestConsole.RunAsync("plan", "export", "ctg-39-jura-nord-2019");
        Assert.Equal(1, exit);
        Assert.Contains("Indiquez au moins un fichier à écrire : --csv plan.csv et/ou --html copil.html.", console.Error);
    }

    [Fact]
    public async Task Reconciliation_prints_paid_and_computed_ps_per_structure_with_the_difference()
    {
        var console = new TestConsole();
        var report = new FundingReconciliation
        {
            ConventionId = "ctg-39-jura-nord-2019", Year = 2018,
            TotalPaidPs = new Money { Cents = 20_297_700 }, TotalEnginePs = new Money { Cents = 18_500_000 },
        };
        report.Rows.Add(new ReconciliationRow
        {
            StructureId = "str-39-jn-alsh-dampierre", Beneficiary = "ALSH péri Dampierre", PaidPs = new Money { Cents = 1_316_900 },
        });
        report.Rows.Add(new ReconciliationRow
        {
            StructureId = "str-39-jn-multi-accueil-fraisans", Beneficiary = "Multi-accueil Fraisans", PaidPs = new Money { Cents = 18_980_800 },
            EnginePs = new Money { Cents = 18_500_000 }, Difference = new Money { Cents = -480_800 },
        });

        ReconciliationCommand.Write(console.Context().Console, report);

        Assert.Equal(
            [
                "Rapprochement 2018 de ctg-39-jura-nord-2019 : PS versée par la Caf / PS calculée par le moteur",
                $"- ALSH péri Dampierre [str-39-jn-alsh-dampierre] : versée {French.Euros(1_316_900)}, calculée non calculée",
                $"- Multi-accueil Fraisans [str-39-jn-multi-accueil-fraisans] : versée {French.Euros(18_980_800)}, calculée {French.Euros(18_500_000)} (écart {French.Euros(-480_800)})",
                $"Total : versée {French.Euros(20_297_700)}, calculée {French.Euros(18_500_000)}",
            ],
            console.Output.TrimEnd('\n', '\r').Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.Equal("189\u00A0808,00\u00A0€", French.Euros(18_980_800));
    }
}
