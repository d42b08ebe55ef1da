using Ctg.Funding.Api.Shared;

namespace Ctg.Funding.Tests;

/// <summary>Host-free: the exact decimal strings of the contracts, shortest form, '.' separator.</summary>
public sealed class DecimalsFormatTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("5438387", "5438387")]
    [InlineData("-774543", "-774543")]
    [InlineData("1.0700", "1.07")]
    [InlineData("-0.50", "-0.5")]
    [InlineData("2.000", "2")]
    [InlineData("69.332694", "69.332694")]
    [InlineData("0.0000001", "0.0000001")]
    public void A_decimal_is_written_in_its_shortest_exact_form(string invariant, string expected) =>
        Assert.Equal(expected, Decimals.Format(decimal.Parse(invariant, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Whole_numbers_of_every_size_read_as_the_integer_they_are()
    {
        var random = new Random(13);
        for (var i = 0; i < 1000; i++)
        {
            var whole = (decimal)random.NextInt64(-1_000_000_000_000, 1_000_000_000_000);
            Assert.Equal(((long)whole).ToString(System.Globalization.CultureInfo.InvariantCulture), Decimals.Format(whole));
            Assert.Equal(((long)whole).ToString(System.Globalization.CultureInfo.InvariantCulture), Decimals.Format(whole * 1.00m));
        }
    }
}
