using Ctg.Domain;
using Ctg.ServiceDefaults;
using ProtoDate = Ctg.Common.V1.Date;

namespace Ctg.Funding.Api.Shared;

/// <summary>Dates funding reads in another service's answer (opening, closing, termination, reception).
/// Not set is null; a set date that is not a calendar date is refused, never corrected into another day,
/// because a computation on a guessed date would pay for a period nobody declared.</summary>
internal static class UpstreamDates
{
    /// <param name="owner">Who the date belongs to, as a message starts ("Structure 'str-x'").</param>
    /// <param name="what">What the date is ("an opening date").</param>
    /// <param name="field">The upstream field, named in the violation ("opening_date").</param>
    public static DateOnly? Read(ProtoDate? date, string owner, string what, string field)
    {
        if (!ProtoDates.IsSet(date))
        {
            return null;
        }

        if (!ProtoDates.TryToDateOnly(date, out var value))
        {
            throw new PreconditionFailedError($"{owner} has {what} {ProtoDates.Text(date!)} that is not a calendar date.",
                new FieldViolation(field, ProtoDates.NotACalendarDate(date!)));
        }

        return value;
    }
}
