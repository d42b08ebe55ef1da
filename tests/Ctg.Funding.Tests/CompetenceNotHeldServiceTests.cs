using Ctg.Funding.V1;
using Ctg.Signatories;
using Ctg.Signatories.V1;
using Ctg.Structures;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Ctg.Testing;
using Grpc.Core;
using static Ctg.Funding.Tests.FundingHarness;
using Date = Ctg.Common.V1.Date;

namespace Ctg.Funding.Tests;

/// <summary>
/// DECISION-BT-COMPETENCE-AT-COMMUNE (RULES.md §4.8) through the real signatories, structures and funding services:
/// a CTG 2019-2023 whose EPCI was granted the field enfance over Fraisans and Dampierre. The ALSH of Fraisans is
/// supported by the commune of Fraisans, a signatory that does not hold the field there: it is left out of the
/// groups as competence_not_held; the ALSH of Dampierre, supported by the EPCI, is allocated.
/// </summary>
public sealed class CompetenceNotHeldServiceTests
{
    private const string ConventionId = "ctg-39-competence-2019";
    private const string Epci = "sig-39-competence-epci";
    private const string Fraisans = "sig-39-competence-fraisans";
    private const string AlshFraisans = "str-39-competence-alsh-fraisans";
    private const string AlshDampierre = "str-39-competence-alsh-dampierre";

    private static Date D(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    private static SignatoryImport Party(string id, string name, SignatoryKind kind, string insee = "", params (string Role, string Name)[] representatives)
    {
        var signatory = new Signatory
        {
            SignatoryId = id, Name = name, Kind = kind, CommuneInseeCode = insee,
            Deliberation = new Deliberation { Body = "assemblée délibérante", Date = D(2019, 11, 15), Number = "DEL-" + id },
        };
        signatory.Representatives.AddRange(representatives.Select(r => new Representative { Role = r.Role, FullName = r.Name }));
        return new SignatoryImport { Signatory = signatory, SignedOn = D(2019, 12, 20) };
    }

    /// <summary>The CTG through the bulk import: CAF, EPCI and the commune of Fraisans, all signed; the EPCI holds enfance at both communes.</summary>
    private static ImportConventionsRequest Convention()
    {
        var draft = new CreateConventionDraftRequest
        {
            ConventionId = ConventionId, CafDepartement = "39", Name = "CTG de test des compétences",
            Territory = new Ctg.Signatories.V1.Territory
            {
                Communes =
                {
                    new Ctg.Signatories.V1.Commune { InseeCode = "39235", Name = "Fraisans", LegalPopulation = 1214, PopulationYear = 2019 },
                    new Ctg.Signatories.V1.Commune { InseeCode = "39190", Name = "Dampierre", LegalPopulation = 1300, PopulationYear = 2019 },
                },
            },
            Period = new Ctg.Signatories.V1.Period { Start = D(2019, 1, 1), End = D(2023, 12, 31) },
            Fields = { FieldOfIntervention.PetiteEnfance, FieldOfIntervention.Enfance },
        };
        var convention = new ConventionImport
        {
            Draft = draft,
            Signatories =
            {
                Party("sig-39-competence-caf", "CAF du Jura", SignatoryKind.Caf, "", ("président du conseil d'administration", "A. Martin"), ("directeur", "B. Durand")),
                Party(Epci, "Communauté de communes de test", SignatoryKind.Epci, "", ("président", "C. Bernard")),
                Party(Fraisans, "Commune de Fraisans", SignatoryKind.Commune, "39235", ("maire", "D. Petit")),
            },
            Grants =
            {
                new GrantCompetenceRequest
                {
                    CompetenceId = "enfance-epci", Scope = new CompetenceScope { Field = FieldOfIntervention.Enfance }, SignatoryId = Epci,
                    CommuneInseeCodes = { "39235", "39190" },
                },
            },
        };
        return new ImportConventionsRequest { Conventions = { convention } };
    }

    private static async Task ImportCsvAsync(StructureImport.StructureImportClient import, ImportKind kind, string csv)
    {
        using var call = import.ImportCsv();
        await call.RequestStream.WriteAsync(new CsvChunk { Options = new ImportOptions { Kind = kind }, Content = Google.Protobuf.ByteString.CopyFromUtf8(csv) });
        await call.RequestStream.CompleteAsync();
        await call;
    }

    [Fact]
    public async Task A_structure_supported_by_a_signatory_that_does_not_hold_the_field_at_its_commune_is_left_out_of_the_groups()
    {
        await using var signatories = await ServiceUnderTest.StartAsync(SignatoriesApp.Build, new() { ["Dapr:HttpEndpoint"] = NoDapr });
        await using var structures = await ServiceUnderTest.StartAsync(StructuresApp.Build, new()
        {
            ["Services:Signatories"] = signatories.GrpcAddress.ToString(),
            ["Dapr:HttpEndpoint"] = NoDapr,
        });
        await using var funding = await ServiceUnderTest.StartAsync(Ctg.Funding.Api.FundingApp.Build, new()
        {
            ["Services:Structures"] = structures.GrpcAddress.ToString(),
            ["Services:Signatories"] = signatories.GrpcAddress.ToString(),
            ["Dapr:HttpEndpoint"] = NoDapr,
        });
        var imported = await new Conventions.ConventionsClient(signatories.Channel).ImportConventionsAsync(Convention());
        Assert.Equal(new[] { ConventionId }, imported.ImportedConventionIds);

        var import = new StructureImport.StructureImportClient(structures.Channel);
        const string header = "structure_id;name;kind;caf_dossier_number;caf_equipment_code;street;postal_code;commune_name;commune_insee;manager_name;management_mode;agreed_places;etp;opening_hours_per_year;supplies_nappies;supplies_meals;periscolaire;extrascolaire;opening_date;supporting_collectivity_id;effective_from;source_note";
        await ImportCsvAsync(import, ImportKind.Structures, string.Join('\n',
            header,
            $"{AlshFraisans};ALSH Fraisans;alsh;;;;;Fraisans;39235;Commune de Fraisans;regie;;;;;;oui;non;;{Fraisans};2018-01-01;test",
            $"{AlshDampierre};ALSH Dampierre;alsh;;;;;Dampierre;39190;Communauté de communes de test;regie;;;;;;oui;non;;{Epci};2018-01-01;test") + "\n");
        await ImportCsvAsync(import, ImportKind.References, string.Join('\n',
            "structure_id;reference_year;amount_cents;unit;reference_units;source_note",
            $"{AlshFraisans};2018;2000000;hours;20000;test",
            $"{AlshDampierre};2018;2449400;hours;24872;test") + "\n");
        var declarations = new ActivityDeclarations.ActivityDeclarationsClient(structures.Channel);
        foreach (var (id, hours) in new[] { (AlshFraisans, "20000"), (AlshDampierre, "24872") })
        {
            await declarations.SubmitDeclarationAsync(new SubmitDeclarationRequest
            {
                StructureId = id, Year = 2020, Version = DeclarationVersion.Reel, Figures = JuraNord.EqualActivity(StructureKind.Alsh, hours),
            });
        }

        var runs = new AllocationRuns.AllocationRunsClient(funding.Channel);
        var run = await runs.RunAllocationAsync(new RunAllocationRequest { ConventionId = ConventionId, Year = 2020, DeclarationVersion = DeclarationVersion.Reel });
        var read = await runs.GetRunAsync(new GetRunRequest { RunId = run.RunId, IncludeInputs = true });

        Assert.Equal(new[] { AlshFraisans }, read.ExcludedStructureIds);
        var excluded = read.Inputs.Structures.Single(s => s.StructureId == AlshFraisans);
        Assert.Equal((false, "competence_not_held", Fraisans), (excluded.Eligible, excluded.IneligibilityReason, excluded.SupportingCollectivityId));
        Assert.Equal(new[] { AlshDampierre }, read.Structures.Select(s => s.StructureId));
        var group = Assert.Single(read.Groups);
        Assert.Equal((Epci, Ctg.Funding.V1.BonusTerritoireKind.Alsh), (group.CollectivityId, group.Kind));
        // At equal activity the EPCI's group is paid its reference, without the excluded structure's 20 000,00 €.
        Assert.Equal(2449400, group.Envelope.Cents);
        Assert.Equal(2449400, read.TotalPaid.Cents);

        // RunAllocations asks the same questions for its chunk in one ListCompetenceHoldersOfMany: the same exclusion.
        using var batch = runs.RunAllocations(new RunAllocationsRequest { ConventionIds = { ConventionId }, Year = 2020, DeclarationVersion = DeclarationVersion.Reel });
        var items = new List<RunAllocationsItem>();
        await foreach (var item in batch.ResponseStream.ReadAllAsync()) items.Add(item);
        var batchRun = await runs.GetRunAsync(new GetRunRequest { RunId = Assert.Single(items).Run.RunId, IncludeInputs = true });
        Assert.Equal(new[] { AlshFraisans }, batchRun.ExcludedStructureIds);
        Assert.Equal("competence_not_held", batchRun.Inputs.Structures.Single(s => s.StructureId == AlshFraisans).IneligibilityReason);
        Assert.Equal(2449400, batchRun.TotalPaid.Cents);
        Assert.Equal(read.InputHash, batchRun.InputHash);
    }
}
