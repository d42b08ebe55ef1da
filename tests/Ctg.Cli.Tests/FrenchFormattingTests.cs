using Ctg.Presentation.Formatting;

namespace Ctg.Cli.Tests;

public sealed class FrenchFormattingTests
{
    private const char Nbsp = '\u00A0';

    [Theory]
    [InlineData(123456L, "1\u00A0234,56\u00A0€")]
    [InlineData(8244200L, "82\u00A0442,00\u00A0€")]
    [InlineData(29770400L, "297\u00A0704,00\u00A0€")]
    [InlineData(5L, "0,05\u00A0€")]
    [InlineData(0L, "0,00\u00A0€")]
    [InlineData(-774543L, "-7\u00A0745,43\u00A0€")]
    [InlineData(100000000000L, "1\u00A0000\u00A0000\u00A0000,00\u00A0€")]
    public void Euros_from_cents_use_comma_and_no_break_spaces(long cents, string expected) =>
        Assert.Equal(expected, French.Euros(cents));

    [Fact]
    public void Group_separator_is_the_ordinary_no_break_space_not_the_narrow_one()
    {
        var text = French.Euros(123456);
        Assert.DoesNotContain('\u202F', text);
        Assert.Equal(2, text.Count(c => c == Nbsp));
    }

    [Theory]
    [InlineData(1055287L, "+10\u00A0552,87\u00A0€")]
    [InlineData(-196063L, "-1\u00A0960,63\u00A0€")]
    [InlineData(0L, "0,00\u00A0€")]
    public void Signed_euros_show_gains_with_a_plus(long cents, string expected) =>
        Assert.Equal(expected, French.SignedEuros(cents));

    [Theory]
    [InlineData("2026-12-02T10:42:00Z", "02/12/2026 11:42")]  // winter time, UTC+1
    [InlineData("2026-07-01T10:42:00Z", "01/07/2026 12:42")]  // summer time, UTC+2
    [InlineData("2026-12-31T23:30:00Z", "01/01/2027 00:30")]  // already the next day (and year) in France
    public void Instants_are_shown_in_the_time_of_France(string iso, string expected) =>
        Assert.Equal(expected, Labels.Timestamp(iso));

    [Fact]
    public void Dates_are_day_month_year() => Assert.Equal("31/12/2025", French.Date(new DateOnly(2025, 12, 31)));

    [Fact]
    public void Contract_dates_are_day_month_year_and_unset_is_a_dash()
    {
        Assert.Equal("01/03/2020", French.Date(new Ctg.Common.V1.Date { Year = 2020, Month = 3, Day = 1 }));
        Assert.Equal("—", French.Date((Ctg.Common.V1.Date?)null));
    }

    [Theory]
    [InlineData(49277, "49\u00A0277")]
    [InlineData(1.5, "1,5")]
    public void Numbers_drop_useless_decimals(double value, string expected) => Assert.Equal(expected, French.Number((decimal)value));

    [Fact]
    public void Csv_amounts_have_no_group_separator_nor_symbol() => Assert.Equal("183611,00", French.CsvAmount(18361100));

    [Theory]
    [InlineData("5438387.178374", "cents", "54\u00A0383,87178374\u00A0€")]
    [InlineData("69.332694", "cents/unit", "0,69332694\u00A0€/unité")]
    [InlineData("264826", "units", "264\u00A0826 unités")]
    [InlineData("1", "bool", "oui")]
    [InlineData("0", "none", "aucun")]
    [InlineData("0", "stratum", "non renseignée")]
    [InlineData("2", "stratum", "2")]
    [InlineData("0.25", "ratio", "0,25")]
    public void Explanation_quantities_are_french(string value, string unit, string expected) =>
        Assert.Equal(expected, Labels.Quantity(value, unit));
}
