using Ctg.Reporting.Tests.Support;

namespace Ctg.Reporting.Tests.Functional;

/// <summary>Jura Nord 2019-2023 as signatories publishes it from its demo data (figures of seed 001, each
/// with its line), the registry's structures of the CTG and two engine computations of 2018; and a PMA
/// convention of another CAF (25), to check CAF scoping.</summary>
internal static class ConventionDocumentsScenario
{
    public const string JuraNord = "ctg-39-jura-nord-2019";
    public const string Pma = "ctg-25-pays-de-montbeliard-2023";
    public const string Cc = "Communauté de communes Jura Nord";
    public const string Francas = "Les Francas du Jura";
    public const string Fraisans = "str-39-jn-multi-accueil-fraisans";
    public const string Dampierre = "str-39-jn-alsh-dampierre";
    private const string CcId = "ctg-39-jura-nord-2019-cc-jura-nord";
    private const string CafId = "ctg-39-jura-nord-2019-caf-39";

    public static TopicEvent Governance(long version, IReadOnlyList<MeetingData> meetings) =>
        new("signatories.governance-changed.v1", new GovernanceChanged(JuraNord, "39", "CTG Jura Nord", "2019-01-01", "2023-12-31",
        [
            new("jn-2019-copil", "SteeringCommittee", "Comité de pilotage CTG", "", 1, null, "au moins une fois par an"),
            new("jn-2019-comite-operationnel", "OperationalCommittee", "Comité opérationnel", "", 1, null, "au moins une fois par an"),
            new("jn-2019-groupe-secteur-sud", "WorkingGroup", "Groupe de travail secteur sud", "petite enfance", null, null, "en fonction des besoins"),
        ], meetings, version));

    public static readonly MeetingData Copil2020 = new("jn-copil-2020", "jn-2019-copil", "2020-11-05", 12, ["Bilan de la première année"], "");

    public static TopicEvent Annexes() =>
        new("signatories.annexes-changed.v1", new AnnexesChanged(JuraNord, "39", "CTG Jura Nord", "2019-01-01", "2023-12-31",
        [
            new("jn-eaje-psu", CcId, "EajePsu", [new(2019, 30, "seed 001 l.615"), new(2021, 40, "seed 001 l.615 and l.800")], "seed 001 l.613-623"),
            new("jn-rpe", CcId, "Rpe", [new(2019, 1.5, "seed 001 l.621")], "seed 001 l.621"),
        ],
        [
            new("jn-2018-cc-fraisans", CcId, Cc, "Epci", "Multi-accueil Fraisans", Fraisans, 2018, "Gestion directe", 4_388_800, true, "seed 001 l.681"),
            new("jn-2018-cc-moissey", CcId, Cc, "Epci", "Multi-accueil de Moissey", null, 2018, "Participation selon coût horaire", 3_400_000, true, "seed 001 l.682"),
            new("jn-2018-caf-fraisans-cej", CafId, "CAF du Jura", "Caf", "Multi-accueil Fraisans", Fraisans, 2018, "CEJ", 8_244_200, false, "seed 001 l.729"),
            new("jn-2018-caf-fraisans-psu", CafId, "CAF du Jura", "Caf", "Multi-accueil Fraisans", Fraisans, 2018, "PSU - PSO", 18_980_800, false, "seed 001 l.729"),
            new("jn-2018-caf-dampierre-cej", CafId, "CAF du Jura", "Caf", "ALSH péri Dampierre", Dampierre, 2018, "CEJ", 2_449_400, false, "seed 001 l.731"),
            new("jn-2018-caf-dampierre-psu", CafId, "CAF du Jura", "Caf", "ALSH péri Dampierre", Dampierre, 2018, "PSU - PSO", 1_316_900, false, "seed 001 l.731"),
            new("jn-2018-caf-dampierre-filaj", CafId, "CAF du Jura", "Caf", "ALSH péri Dampierre", Dampierre, 2018, "FILAJ", 262_800, false, "seed 001 l.731"),
        ],
        [new("jn-2018-coordinateurs", CcId, "Deux coordinateurs enfance jeunesse", 2018, 1.7, 7_519_300, 3_230_300, "seed 001 l.740")],
        3));

    public static TopicEvent Plan() =>
        new("signatories.action-plan-changed.v1", new ActionPlanChanged(JuraNord, "39", "CTG Jura Nord", "2019-01-01", "2023-12-31",
        [
            new("jn-axe-1", "Petite enfance", [
                new("jn-obj-1", "Adapter l'offre d'accueil <0-3 ans>", "General", [], [
                    new("jn-fiche-1", "Ouvrir la micro-crèche de Salans", "CCJN", ["CAF du Jura", "PMI"], "familles", "Service enfance", "annuelle",
                        ["places ouvertes"], "rentrée 2020/2021", "2021-09-01", "Done",
                        [new("jn-ind-1", "Places ouvertes", "places", null, 10, 2021)]),
                    new("jn-fiche-2", "=Recenser les besoins", "", [], "", "", "", [], "", null, "NotStarted", []),
                ]),
            ]),
            new("jn-axe-2", "Parentalité", [new("jn-obj-2", "Soutenir les parents", "Unspecified", [], [])]),
        ],
        [new("MidTerm", "2021-06-15", "Bilan à mi-parcours")], 4));

    public static IReadOnlyList<TopicEvent> AllEvents() =>
    [
        Governance(2, [Copil2020]),
        Annexes(),
        Plan(),
        new("structures.structure-registered.v1", new StructureRegistered(Structure(Fraisans, Cc, "eaje_psu", 24, "2012-09-01", null, JuraNord))),
        new("structures.structure-registered.v1", new StructureRegistered(Structure("str-39-jn-salans", Cc, "eaje_psu", 10, "2021-09-01", null, JuraNord))),
        new("structures.structure-registered.v1", new StructureRegistered(Structure(Dampierre, Francas, "alsh", null, "2010-01-01", null, JuraNord))),
        new("structures.structure-registered.v1", new StructureRegistered(Structure("str-25-pma-creche", Francas, "eaje_psu", 40, "2015-01-01", null, Pma))),
        Computed("fc-2018-fraisans", Fraisans, [new("PSU", true, 18_500_000, null), new("PSU.BONUS_MIXITE_SOCIALE", true, 400_000, null)]),
        Computed("fc-2018-dampierre", Dampierre, [new("PS_ALSH", true, 1_300_000, null)]),
        new("signatories.governance-changed.v1", new GovernanceChanged(Pma, "25", "CTG PMA", "2023-01-01", "2027-12-31",
            [new("pma-2023-copil", "SteeringCommittee", "COPIL", "", null, null, "")], [], 7)),
    ];

    private static Snapshot Structure(string id, string manager, string kind, int? places, string opening, string? closing, string convention) =>
        new(id, 1, kind, "Structure " + id, null, "39228", "Fraisans", manager, "regie", CcId, convention, places, opening, closing, opening);

    private static TopicEvent Computed(string id, string structureId, IReadOnlyList<FundingLine> lines) =>
        new("funding.funding-computed.v1", new FundingComputed(id, structureId, JuraNord, "2026-11-30T10:00:00Z", 2018, "reel", 1,
            lines.Sum(l => l.AmountCents), true, lines, "params", "inputs"));
}
