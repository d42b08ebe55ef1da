using Ctg.Common.V1;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Tests;

/// <summary>A small convention of three real communes of the Doubs (populations légales 2023) whose
/// sizes fall in each AO band, and its parties: the CAF du Doubs, an EPCI and one commune.</summary>
public static class Scenario
{
    public const string Montbeliard = "25388";  // 24 672 inhabitants: above 10,000
    public const string Seloncourt = "25539";   // 5 854: above 3,500
    public const string Arbouans = "25020";     // 876

    public static CreateConventionDraftRequest Draft(string id, int startYear = 2025)
    {
        var request = new CreateConventionDraftRequest
        {
            ConventionId = id,
            CafDepartement = "25",
            Name = "CTG de test " + id,
            Territory = new Territory(),
            Period = new Period { Start = D.Of(startYear, 1, 1), End = D.Of(startYear + 4, 12, 31) },
        };
        request.Territory.Communes.Add(Commune(Montbeliard, "Montbéliard", 24672));
        request.Territory.Communes.Add(Commune(Seloncourt, "Seloncourt", 5854));
        request.Territory.Communes.Add(Commune(Arbouans, "Arbouans", 876));
        request.Fields.Add([FieldOfIntervention.PetiteEnfance, FieldOfIntervention.Enfance, FieldOfIntervention.Jeunesse, FieldOfIntervention.Parentalite]);
        return request;
    }

    public static Commune Commune(string insee, string name, long population) =>
        new() { InseeCode = insee, Name = name, LegalPopulation = population, PopulationYear = 2023 };

    public static Deliberation Deliberation(Date date, int inOffice = 30, int present = 25, int represented = 3, int votesFor = 28) => new()
    {
        Body = "conseil",
        Date = date,
        Number = $"{date.Year}-{date.Month:D2}",
        MembersInOffice = inOffice,
        MembersPresent = present,
        MembersRepresented = represented,
        VotesFor = votesFor,
    };

    public static Signatory Caf(string conventionId, Date? deliberationDate = null) => new()
    {
        SignatoryId = conventionId + "-caf",
        Name = "Caisse d'allocations familiales du Doubs",
        Kind = SignatoryKind.Caf,
        Representatives =
        {
            new Representative { FullName = "Gilles ABRAM", Role = "président du conseil d'administration" },
            new Representative { FullName = "Lionel KOENIG", Role = "directeur" },
        },
        Deliberation = Deliberation(deliberationDate ?? D.Of(2024, 11, 29)),
    };

    public static Signatory Epci(string conventionId, Date? deliberationDate = null) => new()
    {
        SignatoryId = conventionId + "-epci",
        Name = "Pays de Montbéliard Agglomération",
        Kind = SignatoryKind.Epci,
        Representatives = { new Representative { FullName = "Charles DEMOUGE", Role = "président" } },
        Deliberation = Deliberation(deliberationDate ?? D.Of(2024, 12, 5)),
    };

    public static Signatory Sivu(string conventionId) => new()
    {
        SignatoryId = conventionId + "-sivu",
        Name = "SIVU des Trois Fontaines",
        Kind = SignatoryKind.Sivu,
        Representatives = { new Representative { FullName = "Jean-Michel GROSCLAUDE", Role = "président" } },
        Deliberation = Deliberation(D.Of(2024, 12, 6)),
    };

    public static Signatory MontbeliardCommune(string conventionId) => new()
    {
        SignatoryId = conventionId + "-montbeliard",
        Name = "Commune de Montbéliard",
        Kind = SignatoryKind.Commune,
        CommuneInseeCode = Montbeliard,
        Representatives = { new Representative { FullName = "Marie-Noëlle BIGUINET", Role = "maire" } },
        Deliberation = Deliberation(D.Of(2024, 12, 9)),
    };

    /// <summary>A draft with its CAF, EPCI, SIVU and commune, none of which has signed.</summary>
    public static async Task<Convention> DraftWithPartiesAsync(SignatoriesHarness harness, string id)
    {
        await harness.Conventions.CreateConventionDraftAsync(Draft(id));
        Convention convention = null!;
        foreach (var signatory in new[] { Caf(id), Epci(id), Sivu(id), MontbeliardCommune(id) })
        {
            convention = await harness.Conventions.AddSignatoryAsync(new AddSignatoryRequest { ConventionId = id, Signatory = signatory });
        }

        return convention;
    }

    /// <summary>A convention 2025-2029 every party signed on 20 December 2024.</summary>
    public static async Task<Convention> SignedAsync(SignatoriesHarness harness, string id)
    {
        var convention = await DraftWithPartiesAsync(harness, id);
        foreach (var signatory in convention.Signatories)
        {
            convention = await harness.Conventions.SignConventionAsync(new SignConventionRequest
            {
                ConventionId = id, SignatoryId = signatory.SignatoryId, SignedOn = D.Of(2024, 12, 20),
            });
        }

        return convention;
    }
}
