using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.Testing;
using ProtoDate = Ctg.Common.V1.Date;

namespace Ctg.Application.Tests;

/// <summary>The one proto date conversion: a wrong date is a violation naming the field, never a default.</summary>
public sealed class ProtoDatesTests
{
    [Fact]
    public void A_calendar_date_round_trips()
    {
        var date = new DateOnly(2024, 2, 29);

        Assert.Equal(new ProtoDate { Year = 2024, Month = 2, Day = 29 }, ProtoDates.ToProto(date));
        Assert.Equal(date, ProtoDates.ToDateOnly(ProtoDates.ToProto(date), "deliberated_on"));
        Assert.Null(ProtoDates.ToProto((DateOnly?)null));
    }

    [Theory]
    [InlineData(2025, 2, 29, "2025-02-29 is not a calendar date")]
    [InlineData(2025, 0, 10, "2025-00-10 is not a calendar date")]
    [InlineData(2025, 13, 1, "2025-13-01 is not a calendar date")]
    [InlineData(2025, 4, 31, "2025-04-31 is not a calendar date")]
    [InlineData(1899, 12, 31, "1899-12-31 is not a calendar date")]
    [InlineData(0, 0, 1, "0000-00-01 is not a calendar date")]
    public void An_impossible_date_is_a_violation_on_its_field(int year, int month, int day, string description)
    {
        var violations = new Violations();

        Assert.Null(ProtoDates.Optional(violations, new ProtoDate { Year = year, Month = month, Day = day }, "amendment.effective_on"));
        Assert.Equal([new FieldViolation("amendment.effective_on", description)], violations.Items);
    }

    [Fact]
    public void A_missing_required_date_is_a_violation_and_an_optional_one_is_null()
    {
        var violations = new Violations();

        Assert.Null(ProtoDates.Required(violations, null, "received_on"));
        Assert.Null(ProtoDates.Required(violations, new ProtoDate(), "signed_on"));
        Assert.Null(ProtoDates.Optional(violations, null, "as_of"));
        Assert.Equal([new FieldViolation("received_on", "is required"), new FieldViolation("signed_on", "is required")], violations.Items);
    }

    [Fact]
    public void A_single_invalid_date_throws_a_rule_violation_naming_the_field()
    {
        var error = Assert.Throws<RuleViolationError>(() => ProtoDates.ToDateOnly(new ProtoDate { Year = 2025, Month = 2, Day = 30 }, "as_of"));

        Assert.Equal(Violations.DefaultMessage, error.Message);
        Assert.Equal([new FieldViolation("as_of", "2025-02-30 is not a calendar date")], error.Violations);
    }

    [Fact]
    public void As_of_defaults_to_today_by_the_clock_only_when_not_set()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 31, 23, 59, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 12, 31), ProtoDates.AsOf(null, clock));
        Assert.Equal(new DateOnly(2025, 6, 1), ProtoDates.AsOf(new ProtoDate { Year = 2025, Month = 6, Day = 1 }, clock));
        Assert.Equal(["as_of"], Assert.Throws<RuleViolationError>(() => ProtoDates.AsOf(new ProtoDate { Year = 2025, Month = 6 }, clock)).Violations.Select(v => v.Field));
    }

    [Fact]
    public void Validation_collects_the_same_violations_and_a_client_sees_invalid_argument()
    {
        var validation = new Validation();
        ProtoDates.Required(validation, new ProtoDate { Year = 2025, Month = 2, Day = 29 }, "received_on");

        // A domain error, as every refusal below the interceptor; the interceptor answers it with this status.
        var refused = Assert.Throws<RuleViolationError>(() => validation.ThrowIfInvalid());
        var error = DomainErrorStatus.ToRpcException(refused);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(Violations.DefaultMessage, error.Status.Detail);
        Assert.Equal(["received_on: 2025-02-29 is not a calendar date"], error.FieldViolations().Select(v => v.Field + ": " + v.Description));
    }
}
