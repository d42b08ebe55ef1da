using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Conventions;

/// <summary>
/// When a termination takes effect. Each convention states its own notice periods in its article on its
/// end (Jura Nord article 10: three months; PMA article 12: one month after a formal notice, six months
/// after a denunciation); where it is silent, the CNAF model's article 12 applies (seed 004 l.330-340).
/// </summary>
public static class TerminationNotice
{
    /// <summary>CNAF model, article 12: "moyennant un délai de prévenance de 6 mois".</summary>
    public const int ModelDenunciationMonths = 6;

    /// <summary>CNAF model, article 12: "à l'expiration d'un délai d'un mois suivant l'envoi d'une lettre recommandée".</summary>
    public const int ModelFormalNoticeMonths = 1;

    public static DateOnly EffectiveDate(TerminationTerms? terms, TerminationKind kind, DateOnly notifiedOn) => kind switch
    {
        TerminationKind.MutualConsent => notifiedOn.AddMonths(terms is { HasDenunciationNoticeMonths: true } ? terms.DenunciationNoticeMonths : ModelDenunciationMonths),
        TerminationKind.AfterFormalNotice => notifiedOn.AddMonths(terms is { HasFormalNoticeMonths: true } ? terms.FormalNoticeMonths : ModelFormalNoticeMonths),
        TerminationKind.ByRight => notifiedOn,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown termination kind."),
    };
}
