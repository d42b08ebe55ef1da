using Ctg.Structures.Declarations;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using static Ctg.Structures.Tests.Samples;

namespace Ctg.Structures.Tests.Unit;

/// <summary>The declaration policy and calendar on their own: no host, no database, no network.</summary>
public sealed class DeclarationPolicyTests
{
    private static Structure Of(StructureKind kind, Common.V1.Date? opening = null, Common.V1.Date? closing = null) => new()
    {
        StructureId = "str-x",
        Details = new StructureDetails { Kind = kind, Name = "X", OpeningDate = opening },
        ClosingDate = closing,
        ConventionId = "ctg-x",
        Version = 1,
        EffectiveFrom = D(2015, 1, 1),
    };

    private static readonly ParsedFigures Figures = new(49277m, 44797m, 41430600, 6500000, 0.95m, null, null, 30, null, null, null);

    [Theory]
    [InlineData(DeclarationVersion.Previsionnel, 2024, "2023-12-31")]
    [InlineData(DeclarationVersion.ActualiseJuin, 2024, "2024-06-30")]
    [InlineData(DeclarationVersion.ActualiseSeptembre, 2024, "2024-09-30")]
    [InlineData(DeclarationVersion.Reel, 2024, "2025-03-31")]
    public void Each_version_is_due_on_its_calendar_date(DeclarationVersion version, int year, string due) =>
        Assert.Equal(due, DeclarationCalendar.DueDate(year, version).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void A_structure_open_all_year_may_declare_its_reel_once_the_year_is_over()
    {
        var violations = DeclarationPolicy.Preconditions(Of(StructureKind.EajePsu), 2024, DeclarationVersion.Reel, new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 2));

        Assert.Empty(violations);
    }

    [Fact]
    public void The_reel_before_the_year_ends_a_mam_a_closed_and_a_not_yet_open_structure_are_refused_with_their_fields()
    {
        var today = new DateOnly(2024, 12, 31);

        Assert.Equal(["version"], DeclarationPolicy.Preconditions(Of(StructureKind.EajePsu), 2024, DeclarationVersion.Reel, today, today).Select(v => v.Field));
        Assert.Equal(["structure_id"], DeclarationPolicy.Preconditions(Of(StructureKind.Mam), 2024, DeclarationVersion.Previsionnel, today, today).Select(v => v.Field));
        Assert.Equal(["year"], DeclarationPolicy.Preconditions(Of(StructureKind.Alsh, closing: D(2023, 6, 30)), 2024, DeclarationVersion.Previsionnel, today, today).Select(v => v.Field));
        Assert.Equal(["year"], DeclarationPolicy.Preconditions(Of(StructureKind.Alsh, opening: D(2025, 9, 1)), 2024, DeclarationVersion.Previsionnel, today, today).Select(v => v.Field));
    }

    [Fact]
    public void A_declaration_received_after_its_due_date_is_flagged_late_and_its_billing_rate_is_kept_to_four_decimals()
    {
        var late = DeclarationPolicy.Build(Of(StructureKind.EajePsu), 2024, DeclarationVersion.Reel, Figures, new DateOnly(2025, 4, 1), 1, "", "2025-04-01T00:00:00Z");
        var onTime = DeclarationPolicy.Build(Of(StructureKind.EajePsu), 2024, DeclarationVersion.Reel, Figures, new DateOnly(2025, 3, 31), 1, "", "2025-03-31T00:00:00Z");

        Assert.True(late.Late);
        Assert.Equal(["late"], late.Flags.Select(f => f.Code));
        Assert.False(onTime.Late);
        Assert.Empty(onTime.Flags);
        Assert.Equal("1.1000", onTime.BillingRate.Value); // 49277 / 44797 = 1.100006..., rounded to 4 decimals
        Assert.False(onTime.NeedsReview);
    }

    [Theory]
    [InlineData(3000, 1000, true)]
    [InlineData(2000, 1000, false)]
    [InlineData(499, 1000, true)]
    [InlineData(500, 1000, false)]
    public void A_billing_rate_outside_half_to_two_needs_review(int invoiced, int attended, bool review)
    {
        var figures = Figures with { HoursInvoiced = invoiced, HoursAttended = attended };

        var declaration = DeclarationPolicy.Build(Of(StructureKind.EajePsu), 2024, DeclarationVersion.Reel, figures, new DateOnly(2025, 1, 15), 1, "", "t");

        Assert.Equal(review, declaration.NeedsReview);
        Assert.Equal(review ? ["billing_rate_out_of_range"] : [], declaration.Flags.Select(f => f.Code));
    }
}
