using System.Globalization;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;

namespace Ctg.Structures.Declarations;

/// <summary>Whether a structure may declare for a year and version, and how a declaration is flagged.
/// Shared by the RPCs and the CSV import so that both apply exactly the same rules.</summary>
internal static class DeclarationPolicy
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>Violations that depend on the registry and the calendar (FAILED_PRECONDITION for an RPC).</summary>
    public static List<(string Field, string Description)> Preconditions(
        Structure structure, int year, DeclarationVersion version, DateOnly receivedOn, DateOnly today)
    {
        var violations = new List<(string, string)>();
        var kind = structure.Details.Kind;
        if (!DeclarationRules.DeclaresActivity(kind))
        {
            violations.Add(("structure_id", $"a {kind.Code()} receives no prestation de service and declares no activity."));
        }

        if (structure.ClosingDate.ToDateOnly() is { } closed && closed < new DateOnly(year, 1, 1))
        {
            violations.Add(("year", $"the structure closed on {closed.ToIso()}, before {year}."));
        }

        if (structure.Details.OpeningDate.ToDateOnly() is { } opened && opened > new DateOnly(year, 12, 31))
        {
            violations.Add(("year", $"the structure opened on {opened.ToIso()}, after {year}."));
        }

        if (version == DeclarationVersion.Reel && !(DeclarationCalendar.IsYearOver(year, today) && DeclarationCalendar.IsYearOver(year, receivedOn)))
        {
            violations.Add(("version", $"the réel of {year} is only accepted after {year} ends."));
        }

        return violations;
    }

    public static Declaration Build(
        Structure structure, int year, DeclarationVersion version, ParsedFigures figures, DateOnly receivedOn,
        int revision, string correctionReason, string recordedAt)
    {
        var due = DeclarationCalendar.DueDate(year, version);
        var declaration = new Declaration
        {
            DeclarationId = "decl-" + Guid.NewGuid().ToString("N"),
            StructureId = structure.StructureId,
            Year = year,
            Version = version,
            Revision = revision,
            CorrectionReason = correctionReason,
            Figures = DeclarationRules.ToProto(figures),
            Kind = structure.Details.Kind,
            ReceivedOn = receivedOn.ToProto(),
            DueDate = due.ToProto(),
            Late = receivedOn > due,
            RecordedAt = recordedAt,
        };
        if (declaration.Late)
        {
            declaration.Flags.Add(new ReviewFlag
            {
                Code = "late",
                Message = $"received on {receivedOn.ToIso()}, due by {due.ToIso()} ({version.Code()} {year}).",
            });
        }

        if (figures.BillingRate is { } rate)
        {
            var rounded = Math.Round(rate, 4, MidpointRounding.AwayFromZero);
            declaration.BillingRate = new DecimalValue { Value = rounded.ToString(CultureInfo.InvariantCulture) };
            if (rate < DeclarationRules.MinBillingRate || rate > DeclarationRules.MaxBillingRate)
            {
                declaration.NeedsReview = true;
                declaration.Flags.Add(new ReviewFlag
                {
                    Code = "billing_rate_out_of_range",
                    Message = $"billing rate hours_invoiced / hours_attended = {rounded.ToString(CultureInfo.InvariantCulture)}, outside {DeclarationRules.MinBillingRate.ToString(CultureInfo.InvariantCulture)}–{DeclarationRules.MaxBillingRate.ToString(CultureInfo.InvariantCulture)}.",
                });
            }
        }

        return declaration;
    }
}
