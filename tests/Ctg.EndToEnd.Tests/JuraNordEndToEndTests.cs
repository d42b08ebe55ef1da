using System.Text;
using Ctg.Funding.V1;
using GetAllocationSummaryRequest = Ctg.Reporting.V1.GetAllocationSummaryRequest;
using AllocationRun = Ctg.Funding.V1.AllocationRun;
using Ctg.Signatories.V1;
using Ctg.Structures.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Ctg.Testing.Platform;
using Xunit.Abstractions;

namespace Ctg.EndToEnd.Tests;

/// <summary>
/// The flow of a CAF finance officer, every process for real: the dev bus and the four services run from
/// their build outputs, ctg is driven as a process (stdin not a terminal), and the results are checked
/// through real gRPC channels. Amounts are those of seed 001 (CEJ 2018 of the CC Jura Nord, l.728–738).
/// </summary>
public sealed class JuraNordEndToEndTests(ITestOutputHelper output)
{
    private const string Convention = "ctg-39-jura-nord-2019";
    private const char Nbsp = '\u00A0';

    // Seed 001 l.728–738, in cents. The ALSH group holds the eight ALSH of the table (Ougney/Vitreux at 0 €).
    private const long EajeEnvelope = 8_244_200;    // Multi-accueil Fraisans 82 442 €
    private const long RpeEnvelope = 2_286_500;     // RAM Jura Nord 22 865 €
    private const long AlshEnvelope = 18_361_100;   // 35 292 + 24 494 + 43 831 + 24 495 + 19 403 + 19 337 + 16 759 + 0 €
    private const long JeunesEnvelope = 878_600;    // Secteur Jeunes 8 786 €

    /// <summary>ALSH shares at equal activity (hours 2019 = hours 2018): r = 18 361 100 / 264 826 cents an
    /// hour, each share truncated to the cent, the 3 remaining cents to the largest remainders (computed
    /// independently of the engine, by hand from funding-rules.md §4.5).</summary>
    private static readonly Dictionary<string, long> AlshShares = new()
    {
        ["str-39-jn-alsh-dammartin-marpain"] = 2_754_657,
        ["str-39-jn-alsh-dampierre"] = 1_724_443,
        ["str-39-jn-alsh-fraisans"] = 5_438_387,
        ["str-39-jn-alsh-gendrey"] = 2_719_436,
        ["str-39-jn-alsh-montmirey-la-ville"] = 1_292_916,
        ["str-39-jn-alsh-orchamps"] = 2_214_001,
        ["str-39-jn-alsh-rans"] = 1_479_837,
        ["str-39-jn-alsh-ougney-vitreux"] = 737_423,
    };

    [Fact]
    public async Task Import_allocate_approve_explain_export_and_reporting_shows_the_approved_run()
    {
        await using var platform = await PlatformProcesses.StartAsync();
        using var signatoriesChannel = await platform.ChannelAsync("signatories", "auditeur");
        using var structuresChannel = await platform.ChannelAsync("structures", "auditeur");
        using var fundingChannel = await platform.ChannelAsync("funding", "auditeur");
        using var reportingChannel = await platform.ChannelAsync("reporting", "auditeur");
        // The finance officer imports and computes; only an approver may approve (step 3).
        var login = await Ctg(platform, "login", "--utilisateur", "financier", "--mot-de-passe", "demo");
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains("Connecté en tant que Claire Martin (financier) : gestionnaire financier de la CAF.", login.Output);
        var whoami = await Ctg(platform, "whoami");
        Assert.True(whoami.ExitCode == 0, whoami.ToString());
        Assert.Contains("Utilisateur : Claire Martin (financier)", whoami.Output);
        Assert.Contains("Caf : 39", whoami.Output);
        var work = Directory.CreateTempSubdirectory("ctg-e2e-files-").FullName;

        // 0. Every component answers.
        var status = await Ctg(platform, "status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("Tous les composants répondent.", status.Output);

        // 1. ctg import --demo: the seed conventions (signatories service), then the Jura Nord structures and
        //    their 2018 CEJ references (structures service), through the services' LoadDemoData.
        var demo = await Ctg(platform, "import", "--demo");
        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("Conventions : 5 chargée(s), 0 déjà présente(s).", demo.Output);
        var conventions = new Conventions.ConventionsClient(signatoriesChannel);
        var juraNord = await conventions.GetConventionAsync(new GetConventionRequest { ConventionId = Convention });
        Assert.Equal("Communauté de communes Jura Nord", Assert.Single(juraNord.Signatories, s => s.Kind == SignatoryKind.Epci).Name);

        // 1b. ctg import of a conventions YAML file: territory, signatories with deliberations, signatures.
        var example = Path.Combine(RepositoryPaths.Root, "tools/Ctg.Cli/Examples/conventions-exemple.yaml");
        var importConventions = await Ctg(platform, "import", example);
        Assert.True(importConventions.ExitCode == 0, importConventions.ToString());
        Assert.Contains("conventions-exemple.yaml : 1 convention(s) lue(s), 1 importée(s), 0 déjà présente(s) (conventions).", importConventions.Output);
        var created = await conventions.GetConventionAsync(new GetConventionRequest { ConventionId = "ctg-39-exemple-2024" });
        Assert.Equal(2, created.Signatories.Count);
        Assert.Equal(new Ctg.Common.V1.Date { Year = 2024, Month = 2, Day = 2 }, created.SignedOn);
        var again = await Ctg(platform, "import", example);
        Assert.True(again.ExitCode == 2, again.ToString());
        Assert.Contains("ligne 3, champ « convention_id » : la convention « ctg-39-exemple-2024 » existe déjà", again.Error);

        // 2. ctg import of a CSV file: the 2019 declarations make run uses (equal activity to 2018).
        var declarationsCsv = Path.Combine(RepositoryPaths.Root, "tools/Ctg.Cli/DemoData/declarations_jura_nord_2019.csv");
        var import = await Ctg(platform, "import", declarationsCsv);
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("declarations_jura_nord_2019.csv : 11 ligne(s) lue(s), 11 importée(s), 0 déjà présente(s) (déclarations d'activité).", import.Output);

        // 2b. A file with bad rows: exit 2, every error with its line and field, nothing imported.
        var bad = Path.Combine(work, "declarations-2020.csv");
        File.WriteAllText(bad,
            "structure_id;year;version;received_on;hours_invoiced;hours_attended;operating_costs_cents;family_participations_cents;regime_general_share;aeeh_hours;aeeh_children;places;months_open;etp;opening_hours\n" +
            "str-39-jn-alsh-rans;2020;previsionnel;2019-12-01;;21000;24828900;;0.98;;;;;;\n" +
            "str-inconnue;2020;previsionnel;2019-12-01;;100;1000;;0.98;;;;;;\n" +
            "str-39-jn-alsh-gendrey;2020;previsionnel;2019-12-01;;-5;1000;;0.98;;;;;;\n");
        var rejected = await Ctg(platform, "import", bad);
        Assert.True(rejected.ExitCode == 2, rejected.ToString());
        Assert.Contains("rien n'a été importé", rejected.Error);
        Assert.Matches(@"│ 3\s+│ structure_id\s+│", rejected.Output);
        Assert.Matches(@"│ 4\s+│ hours_attended\s+│", rejected.Output);
        var declarations = new ActivityDeclarations.ActivityDeclarationsClient(structuresChannel);
        var rans2020 = await declarations.ListDeclarationsAsync(new ListDeclarationsRequest { StructureId = "str-39-jn-alsh-rans", Year = 2020 });
        Assert.Empty(rans2020.Declarations);

        // 2c. Several files, the SECOND one bad: every file is dry-run first, so nothing of the FIRST (valid) one is imported.
        var goodReferences = Path.Combine(work, "references-2021.csv");
        File.WriteAllText(goodReferences, "structure_id;reference_year;amount_cents;unit;reference_units;source_note\n" +
            "str-39-jn-alsh-rans;2021;1479837;hours;21000;e2e\n");
        var badDeclarations = Path.Combine(work, "declarations-2021.csv");
        File.WriteAllText(badDeclarations,
            "structure_id;year;version;received_on;hours_invoiced;hours_attended;operating_costs_cents;family_participations_cents;regime_general_share;aeeh_hours;aeeh_children;places;months_open;etp;opening_hours\n" +
            "str-inconnue;2021;previsionnel;2020-12-01;;100;1000;;0.98;;;;;;\n");
        var multi = await Ctg(platform, "import", goodReferences, badDeclarations);
        Assert.True(multi.ExitCode == 2, multi.ToString());
        Assert.Contains("1 erreur(s) dans 1 fichier(s), listées ci-dessus avec leur fichier, leur ligne et leur champ : rien n'a été importé.", multi.Error);
        Assert.Matches(@"│ declarations-2021\.csv\s+│ 2\s+│ structure_id\s+│", multi.Output);
        Assert.DoesNotContain("references-2021.csv :", multi.Output);
        var references = new CejReferences.CejReferencesClient(structuresChannel);
        var references2021 = await references.ListReferencesAsync(new ListReferencesRequest { ConventionId = Convention, ReferenceYear = 2021 });
        Assert.Empty(references2021.References);

        // 2d. Several files that depend on each other, all valid: a new convention (YAML), a structure it supports, that
        //     structure's CEJ reference. The dry run judges each file after the earlier ones, then all are imported.
        var linkedConventions = Path.Combine(work, "conventions-liees.yaml");
        File.WriteAllText(linkedConventions, File.ReadAllText(example).Replace("ctg-39-exemple-2024", "ctg-39-e2e-2024"));
        var linkedStructures = Path.Combine(work, "structures-liees.csv");
        File.WriteAllText(linkedStructures,
            "structure_id;name;kind;caf_dossier_number;caf_equipment_code;street;postal_code;commune_name;commune_insee;manager_name;management_mode;agreed_places;etp;opening_hours_per_year;supplies_nappies;supplies_meals;periscolaire;extrascolaire;opening_date;supporting_collectivity_id;effective_from;source_note\n" +
            "str-39-e2e-creche-dole;Crèche e2e;eaje_psu;;;1 rue des Arènes;39100;Dole;39198;Commune de Dole;regie;30;;;oui;oui;;;01/09/2012;ctg-39-e2e-2024-dole;;e2e\n");
        var linkedReferences = Path.Combine(work, "references-liees.csv");
        File.WriteAllText(linkedReferences, "structure_id;reference_year;amount_cents;unit;reference_units;source_note\n" +
            "str-39-e2e-creche-dole;2023;8244200;places;30;e2e\n");
        var linked = await Ctg(platform, "import", linkedConventions, linkedStructures, linkedReferences);
        Assert.True(linked.ExitCode == 0, linked.ToString());
        Assert.Contains("structures-liees.csv : 1 ligne(s) lue(s), 1 importée(s), 0 déjà présente(s) (structures).", linked.Output);
        Assert.Contains("references-liees.csv : 1 ligne(s) lue(s), 1 importée(s), 0 déjà présente(s) (références CEJ).", linked.Output);
        var linkedReference = await references.ListReferencesAsync(new ListReferencesRequest { ConventionId = "ctg-39-e2e-2024", ReferenceYear = 2023 });
        Assert.Equal(8_244_200, Assert.Single(linkedReference.References).Amount.Cents);

        // 3. ctg allocate --approve (a script: no terminal, so no question) as the finance officer: the run is
        //    computed and recorded, its approval refused (approvers only); then the approver approves it.
        var allocate = await Ctg(platform, "allocate", Convention, "2019", "--approve", "--by", "e2e");
        Assert.True(allocate.ExitCode == 5, allocate.ToString());
        Assert.Contains("Droits insuffisants pour valider un calcul", allocate.Error);
        Assert.Matches($@"Communauté de communes Jura Nord\s+│ ALSH\s+│\s+183{Nbsp}611,00{Nbsp}€ │\s+183{Nbsp}611,00{Nbsp}€ │\s+0,00{Nbsp}€ │", allocate.Output);
        Assert.Matches($@"ALSH péri et extra Fraisans \(str-39-jn-alsh-fraisans\)\s+│\s+43{Nbsp}831,00{Nbsp}€ │\s+54{Nbsp}383,87{Nbsp}€ │\s+\+10{Nbsp}552,87{Nbsp}€ │", allocate.Output);
        Assert.Matches($@"Total\s+│\s+│ 297{Nbsp}704,00{Nbsp}€ │ 297{Nbsp}704,00{Nbsp}€ │", allocate.Output);
        Assert.Equal(0, (await Ctg(platform, "login", "--utilisateur", "ordonnateur", "--mot-de-passe", "demo")).ExitCode);
        var approval = await Ctg(platform, "approve", Convention, "2019");
        Assert.True(approval.ExitCode == 0, approval.ToString());
        Assert.Contains("validé", approval.Output);
        Assert.Equal(0, (await Ctg(platform, "login", "--utilisateur", "financier", "--mot-de-passe", "demo")).ExitCode);

        var runs = new AllocationRuns.AllocationRunsClient(fundingChannel);
        var list = await runs.ListRunsAsync(new ListRunsRequest { ConventionId = Convention, Year = 2019 });
        var approved = Assert.Single(list.Runs);
        Assert.Equal(RunStatus.Approved, approved.Status);
        var run = await runs.GetRunAsync(new GetRunRequest { RunId = approved.RunId });
        AssertGroup(run, BonusTerritoireKind.Eaje, EajeEnvelope);
        AssertGroup(run, BonusTerritoireKind.Rpe, RpeEnvelope);
        AssertGroup(run, BonusTerritoireKind.Alsh, AlshEnvelope);
        AssertGroup(run, BonusTerritoireKind.Jeunes, JeunesEnvelope);
        Assert.Equal(29_770_400, run.TotalEnvelope.Cents);
        Assert.Equal(29_770_400, run.TotalPaid.Cents);
        foreach (var (structureId, cents) in AlshShares)
        {
            Assert.Equal(cents, run.Structures.Single(s => s.StructureId == structureId).Amount.Cents);
        }
        Assert.Equal(8_244_200, run.Structures.Single(s => s.StructureId == "str-39-jn-multi-accueil-fraisans").Amount.Cents);
        Assert.Equal(737_423, run.Structures.Single(s => s.StructureId == "str-39-jn-alsh-ougney-vitreux").GainOrLoss.Cents);

        // 4. ctg explain: the tree of the Fraisans ALSH share.
        var explain = await Ctg(platform, "explain", "str-39-jn-alsh-fraisans", "2019");
        Assert.True(explain.ExitCode == 0, explain.ToString());
        Assert.Contains($"Bonus territoire CTG = 54{Nbsp}383,87{Nbsp}€", explain.Output);
        Assert.DoesNotContain("BONUS_TERRITOIRE", explain.Output);
        Assert.Contains($"Bonus territoire : part de base = 54{Nbsp}383,8717837372{Nbsp}€ avant arrondi", explain.Output);
        Assert.Contains("groupe Communauté de communes Jura Nord, type ALSH", explain.Output);
        Assert.Contains($"enveloppe du groupe, somme des références CEJ (E) = 183{Nbsp}611,00{Nbsp}€", explain.Output);
        Assert.Contains($"unités de référence du groupe (U) = 264{Nbsp}826 unités", explain.Output);
        Assert.Contains("Arrondi", explain.Output);
        Assert.DoesNotContain("DECISION-", explain.Output);
        Assert.Contains("Le groupe du bonus territoire est la collectivité qui soutenait la structure", explain.Output);
        Assert.DoesNotContain("half away from zero", explain.Output);

        // 5. ctg simulate: 25 places instead of 30 at the crèche; nothing saved.
        var simulate = await Ctg(platform, "simulate", Convention, "2019", "--activity", "str-39-jn-multi-accueil-fraisans=25");
        Assert.True(simulate.ExitCode == 0, simulate.ToString());
        Assert.Matches($@"Multi-accueil Fraisans \(str-39-jn-multi-accueil-fraisans\)\s+│\s+82{Nbsp}442,00{Nbsp}€ │\s+68{Nbsp}701,67{Nbsp}€ │\s+-13{Nbsp}740,33{Nbsp}€ │", simulate.Output);
        Assert.Single((await runs.ListRunsAsync(new ListRunsRequest { ConventionId = Convention, Year = 2019 })).Runs);

        // 6. ctg export: CSV for Excel and the HTML report for the COPIL.
        var csv = Path.Combine(work, "bonus.csv");
        var html = Path.Combine(work, "copil.html");
        var export = await Ctg(platform, "export", Convention, "2019", "--csv", csv, "--html", html);
        Assert.True(export.ExitCode == 0, export.ToString());
        var csvBytes = File.ReadAllBytes(csv);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]);
        var csvLines = Encoding.UTF8.GetString(csvBytes[3..]).Split("\r\n");
        Assert.Equal("Ligne;Collectivité;Type;Identifiant structure;Structure;Enveloppe / référence CEJ (€);Montant versé (€);Écart / gain ou perte (€)", csvLines[0]);
        Assert.Contains("groupe;Communauté de communes Jura Nord;ALSH;;;183611,00;183611,00;0,00", csvLines);
        Assert.Contains("structure;Communauté de communes Jura Nord;ALSH;str-39-jn-alsh-fraisans;ALSH péri et extra Fraisans;43831,00;54383,87;10552,87", csvLines);
        Assert.Contains("total;;;;;297704,00;297704,00;0,00", csvLines);
        var page = File.ReadAllText(html);
        Assert.Contains("<svg", page);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/2000/svg", ""));
        Assert.Contains("Bonus territoire 2019", page);

        // 7. The COPIL report renders in headless chromium: a 1280×900 screenshot that is not blank.
        var png = Path.Combine(work, "copil.png");
        var chromium = await HeadlessChromium.ScreenshotAsync(html, png);
        Assert.True(File.Exists(png), chromium);
        var image = PngImage.Read(png);
        Assert.Equal(1280, image.Width);
        Assert.Equal(900, image.Height);
        Assert.True(image.LuminanceVariance() > 100, $"blank screenshot? variance {image.LuminanceVariance()}");
        Assert.True(image.DistinctColours() > 20, $"only {image.DistinctColours()} colours");
        // The chart drew its bars: the largest amount (297 704 € for Jura Nord) is an 860 px bar, envelope and paid.
        Assert.InRange(image.LongestRun((0x0b, 0x4f, 0x8a)), 858, 862);
        Assert.InRange(image.LongestRun((0x9d, 0xb7, 0xd5)), 858, 862);
        var keep = Environment.GetEnvironmentVariable("CTG_E2E_SCREENSHOT");
        if (!string.IsNullOrEmpty(keep)) File.Copy(png, keep, overwrite: true);

        // 8. The reporting service shows the approved run (fed by the funding events through the bus).
        var reporting = new Ctg.Reporting.V1.Reporting.ReportingClient(reportingChannel);
        var summary = await EventuallyAsync(async () =>
        {
            var s = await reporting.GetAllocationSummaryAsync(new GetAllocationSummaryRequest { ConventionId = Convention, Year = 2019 });
            return s.ApprovedRun?.RunId == approved.RunId ? s : null;
        });
        Assert.True(summary.ApprovedRun.Approved);
        Assert.Equal(29_770_400, summary.ApprovedRun.TotalEnvelope.Cents);
        Assert.Equal(29_770_400, summary.ApprovedRun.TotalAllocated.Cents);
        Assert.Equal(AlshEnvelope, summary.ApprovedRun.Groups.Single(g => g.Kind == "alsh").Envelope.Cents);
        Assert.Equal(EajeEnvelope, summary.ApprovedRun.Groups.Single(g => g.Kind == "eaje").Allocated.Cents);

        // 9. Exit codes a script relies on.
        Assert.Equal(4, (await Ctg(platform, "explain", "str-inconnue", "2019")).ExitCode);
        Assert.Equal(1, (await Ctg(platform, "allocate", Convention, "deux-mille")).ExitCode);
        Assert.Equal(1, (await Ctg(platform, "allocate", Convention, "2019", "--approve", "--no-approve")).ExitCode);

        Directory.Delete(work, recursive: true);
    }

    /// <summary>ctg import --demo loads the seeds through the services and a second run adds nothing.</summary>
    [Fact]
    public async Task Import_demo_is_idempotent()
    {
        await using var platform = await PlatformProcesses.StartAsync();
        Assert.Equal(0, (await Ctg(platform, "login", "--utilisateur", "financier", "--mot-de-passe", "demo")).ExitCode);
        var first = await Ctg(platform, "import", "--demo");
        Assert.True(first.ExitCode == 0, first.ToString());
        var second = await Ctg(platform, "import", "--demo");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Conventions : 0 chargée(s)", second.Output);
        Assert.Contains("structures : 0 importée(s), 11", second.Output.Replace("\r", ""));
    }

    /// <summary>Without any service: ctg status says so and exits 3.</summary>
    [Fact]
    public async Task Status_exits_3_when_nothing_listens()
    {
        var result = await CtgProcess.RunAsync(PlatformProcesses.Unreachable(), "status");
        output.WriteLine(result.ToString());
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("injoignable", result.Output);
    }

    private static void AssertGroup(AllocationRun run, BonusTerritoireKind kind, long envelope)
    {
        var group = run.Groups.Single(g => g.Kind == kind);
        Assert.Equal("Communauté de communes Jura Nord", group.CollectivityName);
        Assert.Equal(envelope, group.Envelope.Cents);
        Assert.Equal(envelope, group.Paid.Cents); // equal activity: each group pays exactly its envelope
        Assert.Equal(0, group.Difference.Cents);
    }

    private async Task<CtgProcess.Result> Ctg(PlatformProcesses platform, params string[] arguments)
    {
        var result = await CtgProcess.RunAsync(platform, arguments);
        output.WriteLine($"$ ctg {string.Join(' ', arguments)}\n{result}");
        return result;
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if (await probe() is { } value) return value;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && DateTime.UtcNow < until)
            {
                // The event has not reached the read model yet.
            }
            if (DateTime.UtcNow >= until) throw new TimeoutException("the reporting service never showed the approved run");
            await Task.Delay(250);
        }
    }
}
