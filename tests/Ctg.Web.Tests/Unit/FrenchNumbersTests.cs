using Ctg.Web.Declarations;

namespace Ctg.Web.Tests.Unit;

public sealed class FrenchNumbersTests
{
    [Theory]
    [InlineData("1 234,5", "1234.5")]
    [InlineData("1\u00A0234,50", "1234.50")]
    [InlineData("0,98", "0.98")]
    [InlineData("49277", "49277")]
    [InlineData("1.4", "1.4")]
    [InlineData("-5", "-5")]
    public void Reads_decimals_as_a_French_person_types_them(string typed, string invariant)
    {
        Assert.True(FrenchNumbers.TryParseDecimal(typed, out var value));
        Assert.Equal(invariant, FrenchNumbers.Invariant(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("douze")]
    [InlineData("1,2,3")]
    [InlineData("1.234,5")]
    public void Refuses_what_is_not_a_number(string typed) => Assert.False(FrenchNumbers.TryParseDecimal(typed, out _));

    [Theory]
    [InlineData("248 289,00 €", 24_828_900L)]
    [InlineData("700", 70_000L)]
    [InlineData("0,01", 1L)]
    public void Reads_euros_into_cents(string typed, long cents)
    {
        Assert.True(FrenchNumbers.TryParseCents(typed, out var value));
        Assert.Equal(cents, value);
    }

    [Fact]
    public void Refuses_fractions_of_a_cent() => Assert.False(FrenchNumbers.TryParseCents("12,345", out _));

    [Fact]
    public void Shows_contract_values_back_in_French_fields()
    {
        Assert.Equal("1234,5", FrenchNumbers.ForField("1234.5"));
        Assert.Equal("414306,00", FrenchNumbers.ForField(41_430_600L));
    }
}
