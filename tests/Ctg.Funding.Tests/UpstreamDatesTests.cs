using Ctg.Domain;
using Ctg.Funding.Api.Inputs;
using Ctg.Signatories.V1;
using Ctg.Structures.V1;
using ProtoDate = Ctg.Common.V1.Date;

namespace Ctg.Funding.Tests;

/// <summary>Dates read in the structures and signatories answers: an impossible one is refused, never
/// corrected (month 0 used to become January, so a structure "opened" on a day nobody declared).</summary>
public sealed class UpstreamDatesTests
{
    private static Structure StructureOpenedOn(ProtoDate? opening, ProtoDate? closing = null) => new()
    {
        StructureId = "str-x",
        Details = new StructureDetails { OpeningDate = opening },
        ClosingDate = closing,
    };

    [Fact]
    public void A_month_0_opening_date_is_refused_not_read_as_January()
    {
        var error = Assert.Throws<PreconditionFailedError>(() => OpenPeriod.Of(StructureOpenedOn(new ProtoDate { Year = 2025, Month = 0, Day = 1 })));

        Assert.Equal("Structure 'str-x' has an opening date 2025-00-01 that is not a calendar date.", error.Message);
        Assert.Equal([new FieldViolation("details.opening_date", "2025-00-01 is not a calendar date")], error.Violations);
    }

    [Fact]
    public void A_day_0_closing_date_is_refused()
    {
        var error = Assert.Throws<PreconditionFailedError>(() =>
            OpenPeriod.Of(StructureOpenedOn(null, new ProtoDate { Year = 2024, Month = 6, Day = 0 })));

        Assert.Equal("Structure 'str-x' has a closing date 2024-06-00 that is not a calendar date.", error.Message);
        Assert.Equal([new FieldViolation("closing_date", "2024-06-00 is not a calendar date")], error.Violations);
    }

    [Fact]
    public void Dates_not_set_are_unknown_and_calendar_dates_are_read()
    {
        Assert.Equal(((DateOnly?)null, (DateOnly?)null), OpenPeriod.Of(StructureOpenedOn(null, new ProtoDate())));
        Assert.Equal(((DateOnly?)new DateOnly(2012, 9, 3), (DateOnly?)new DateOnly(2024, 2, 29)),
            OpenPeriod.Of(StructureOpenedOn(new ProtoDate { Year = 2012, Month = 9, Day = 3 }, new ProtoDate { Year = 2024, Month = 2, Day = 29 })));
    }

    [Fact]
    public void An_impossible_termination_date_is_refused()
    {
        var convention = new Convention
        {
            ConventionId = "ctg-x",
            Status = ConventionStatus.Signed,
            SignedOn = new ProtoDate { Year = 2019, Month = 3, Day = 1 },
            Termination = new Termination { EffectiveOn = new ProtoDate { Year = 2021, Month = 2, Day = 30 } },
        };

        var error = Assert.Throws<PreconditionFailedError>(() => ConventionChecks.RequireSigned(convention, 2022));

        Assert.Equal("Convention 'ctg-x' has a termination effective date 2021-02-30 that is not a calendar date.", error.Message);
        Assert.Equal([new FieldViolation("termination.effective_on", "2021-02-30 is not a calendar date")], error.Violations);
    }
}
