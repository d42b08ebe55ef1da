using Ctg.Funding.Api.Shared;
using Ctg.ServiceDefaults;
using Ctg.Signatories.V1;

namespace Ctg.Funding.Api.Inputs;

/// <summary>What funding requires of a convention before computing for a year.</summary>
internal static class ConventionChecks
{
    /// <summary>True when the year is within the convention's period.</summary>
    public static bool Covers(Convention convention, int year)
    {
        var start = convention.Period?.Start?.Year ?? 0;
        var end = convention.Period?.End?.Year ?? 0;
        return start != 0 && end != 0 && year >= start && year <= end;
    }

    /// <summary>INVALID_ARGUMENT on <paramref name="field"/> when the year is outside the convention's period.</summary>
    public static void RequireYearWithinPeriod(Convention convention, int year, string field = "year")
    {
        var start = convention.Period?.Start?.Year ?? 0;
        var end = convention.Period?.End?.Year ?? 0;
        if (start == 0 || end == 0 || year < start || year > end)
        {
            throw DomainErrors.RuleViolation(
                $"Year {year} is outside convention '{convention.ConventionId}' ({start}-{end}).",
                (field, $"must be within the convention period {start}-{end}"));
        }
    }

    /// <summary>FAILED_PRECONDITION unless every signatory signed and no termination took effect before the year.</summary>
    public static void RequireSigned(Convention convention, int year)
    {
        var signed = convention.SignedOn is not null && convention.SignedOn.Year != 0
            && convention.Status is not (ConventionStatus.Draft or ConventionStatus.Unspecified);
        if (!signed)
        {
            throw DomainErrors.Precondition(
                $"Convention '{convention.ConventionId}' is not signed: the bonus territoire requires a signed CTG.",
                ("convention_id", "the convention must be signed by every signatory"));
        }

        if (UpstreamDates.Read(convention.Termination?.EffectiveOn, $"Convention '{convention.ConventionId}'", "a termination effective date", "termination.effective_on")
            is { } effective && effective <= new DateOnly(year, 1, 1))
        {
            throw DomainErrors.Precondition(
                $"Convention '{convention.ConventionId}' was terminated on {effective:dd/MM/yyyy}, before {year}.",
                ("convention_id", "the convention was terminated before the year"));
        }
    }
}
