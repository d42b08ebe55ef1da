using Ctg.Presentation.Formatting;
using Ctg.Funding.Engine.Explanations;
using Ctg.Funding.V1;
using Ctg.Signatories.V1;
using Ctg.Structures.V1;

namespace Ctg.Web.Formatting;

/// <summary>French words for the enumerations the CLI's <c>Labels</c> does not cover; no code name reaches a page.</summary>
public static class WebLabels
{
    public static string StructureKind(StructureKind kind) => kind switch
    {
        Ctg.Structures.V1.StructureKind.EajePsu => "Établissement d'accueil du jeune enfant (PSU)",
        Ctg.Structures.V1.StructureKind.MicroCrechePaje => "Micro-crèche PAJE",
        Ctg.Structures.V1.StructureKind.Mam => "Maison d'assistants maternels",
        Ctg.Structures.V1.StructureKind.Rpe => "Relais petite enfance",
        Ctg.Structures.V1.StructureKind.Laep => "Lieu d'accueil enfants-parents",
        Ctg.Structures.V1.StructureKind.Alsh => "Accueil de loisirs sans hébergement",
        Ctg.Structures.V1.StructureKind.AccueilJeunes => "Accueil de jeunes",
        Ctg.Structures.V1.StructureKind.Clas => "CLAS",
        Ctg.Structures.V1.StructureKind.CentreSocial => "Centre social",
        Ctg.Structures.V1.StructureKind.Evs => "Espace de vie sociale",
        _ => "Non précisé",
    };

    public static string ConventionStatus(ConventionStatus status) => status switch
    {
        Ctg.Signatories.V1.ConventionStatus.Draft => "en préparation",
        Ctg.Signatories.V1.ConventionStatus.Signed => "signée",
        Ctg.Signatories.V1.ConventionStatus.Active => "en cours",
        Ctg.Signatories.V1.ConventionStatus.Expired => "échue",
        Ctg.Signatories.V1.ConventionStatus.Terminated => "résiliée",
        _ => "inconnu",
    };

    public static string SignatoryKind(SignatoryKind kind) => kind switch
    {
        Ctg.Signatories.V1.SignatoryKind.Caf => "CAF",
        Ctg.Signatories.V1.SignatoryKind.Epci => "EPCI",
        Ctg.Signatories.V1.SignatoryKind.Commune => "commune",
        Ctg.Signatories.V1.SignatoryKind.Sivu => "SIVU",
        Ctg.Signatories.V1.SignatoryKind.Sivom => "SIVOM",
        Ctg.Signatories.V1.SignatoryKind.SyndicatMixte => "syndicat mixte",
        Ctg.Signatories.V1.SignatoryKind.Departement => "département",
        Ctg.Signatories.V1.SignatoryKind.Msa => "MSA",
        Ctg.Signatories.V1.SignatoryKind.OtherCoFunder => "autre cofinanceur",
        _ => "non précisé",
    };

    public static string PaymentKind(PaymentKind kind) => kind switch
    {
        Ctg.Funding.V1.PaymentKind.Advance => "acompte",
        Ctg.Funding.V1.PaymentKind.Balance => "solde à verser",
        Ctg.Funding.V1.PaymentKind.Indu => "indu à récupérer",
        _ => "non précisé",
    };

    public static string ReferenceUnit(ReferenceUnit unit) => unit switch
    {
        Ctg.Structures.V1.ReferenceUnit.Places => "places",
        Ctg.Structures.V1.ReferenceUnit.Hours => "heures",
        Ctg.Structures.V1.ReferenceUnit.Etp => "ETP",
        Ctg.Structures.V1.ReferenceUnit.OpeningHours => "heures d'ouverture",
        _ => "",
    };

    /// <summary>"calcul du 02/12/2026 à 11:42, validé" (time in France): which run a figure comes from and whether it stands,
    /// as a sentence (the status alone before a date read "validé, du …").</summary>
    public static string RunOn(RunStatus status, string createdAt)
    {
        var when = Labels.Timestamp(createdAt, " à ");
        return status switch
        {
            Ctg.Funding.V1.RunStatus.Approved => $"calcul du {when}, validé",
            Ctg.Funding.V1.RunStatus.Completed => $"calcul du {when}, pas encore validé",
            Ctg.Funding.V1.RunStatus.Simulated => $"simulation du {when}, non enregistrée",
            _ => $"calcul du {when}",
        };
    }

    /// <summary>The declaration versions a person chooses from, in the order of the year.</summary>
    public static readonly IReadOnlyList<DeclarationVersion> DeclarationVersions =
    [
        DeclarationVersion.Previsionnel, DeclarationVersion.ActualiseJuin, DeclarationVersion.ActualiseSeptembre, DeclarationVersion.Reel,
    ];
}
