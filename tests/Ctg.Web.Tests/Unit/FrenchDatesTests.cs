using Ctg.Web.Forms;

namespace Ctg.Web.Tests.Unit;

public sealed class FrenchDatesTests
{
    [Theory]
    [InlineData("31/12/2025", 2025, 12, 31)]
    [InlineData(" 1/2/2026 ", 2026, 2, 1)]
    [InlineData("05/03/2019", 2019, 3, 5)]
    public void Day_month_year_is_read_as_a_French_person_writes_it(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), FrenchDates.Parse(text));

    [Theory]
    [InlineData("12/31/2025")]   // month/day/year, as an English date input would show it
    [InlineData("2025-12-31")]   // what a type="date" input posts: never typed by a person here
    [InlineData("31/02/2025")]   // no such day
    [InlineData("31/12/25")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_date(string? text) => Assert.Null(FrenchDates.Parse(text));

    [Fact]
    public void A_date_is_written_day_first_with_leading_zeros()
    {
        Assert.Equal("05/03/2019", FrenchDates.Write(new DateOnly(2019, 3, 5)));
        var proto = FrenchDates.ParseProto("05/03/2019")!;
        Assert.Equal((2019, 3, 5), (proto.Year, proto.Month, proto.Day));
    }
}
