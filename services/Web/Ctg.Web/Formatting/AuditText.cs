using System.Globalization;
using Ctg.Presentation.Formatting;

namespace Ctg.Web.Formatting;

/// <summary>The audit log in French: what each command did, how it ended, for the auditor who reads it.</summary>
public static class AuditText
{
    /// <summary>The log a record comes from, as the timeline names it.</summary>
    public static string Service(string service) => service switch
    {
        "signatories" => "signataires",
        "structures" => "structures",
        "funding" => "financements",
        "reporting" => "restitution",
        _ => service,
    };

    /// <summary>"structures.SubmitDeclaration" → "Déclaration d'activité envoyée"; an unknown command as recorded.</summary>
    public static string Command(string command) => command switch
    {
        "signatories.CreateConventionDraft" => "Projet de convention créé",
        "signatories.AddSignatory" => "Signataire ajouté",
        "signatories.SignConvention" => "Signature enregistrée",
        "signatories.LoadDemoData" => "Données de démonstration chargées",
        "signatories.SetConventionTerms" => "Clauses de la convention modifiées",
        "signatories.RecordMeeting" => "Réunion de gouvernance enregistrée",
        "signatories.RecordCoFinancing" => "Cofinancement enregistré",
        "structures.RegisterStructure" => "Structure enregistrée",
        "structures.UpdateStructure" => "Structure modifiée",
        "structures.SubmitDeclaration" => "Déclaration d'activité envoyée",
        "structures.CorrectDeclaration" => "Déclaration d'activité corrigée",
        "structures.SetDeclaredCounts" => "Effectifs déclarés",
        "structures.ImportCsv" or "structures.ImportCsvWithProgress" => "Import de fichier",
        "structures.LoadDemoData" => "Données de démonstration chargées",
        "funding.RunAllocation" => "Calcul du bonus territoire lancé",
        "funding.ApproveRun" => "Validation du calcul",
        "funding.LoadParameterSet" => "Barème chargé",
        _ => command,
    };

    public static string Outcome(string outcome) => outcome switch
    {
        "succeeded" => "effectué",
        "not_found" => "refusé : introuvable",
        "conflict" => "refusé : données modifiées entre-temps",
        "already_exists" => "refusé : existe déjà",
        "rule_violation" => "refusé : données invalides",
        "precondition_failed" => "refusé : condition préalable non remplie",
        "upstream_unavailable" => "refusé : service amont indisponible",
        "access_denied" => "refusé : droits insuffisants",
        "unauthenticated" => "refusé : non authentifié",
        _ => outcome,
    };

    /// <summary>When, in French local time (the auditor's CAF is in France), with the zone said.</summary>
    public static string When(DateTimeOffset instant) =>
        French.InFrance(instant).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " (heure de Paris)";
}
