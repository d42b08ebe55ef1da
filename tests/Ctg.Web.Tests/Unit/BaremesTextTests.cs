using Ctg.Web.Pages.Administration;

namespace Ctg.Web.Tests.Unit;

public sealed class BaremesTextTests
{
    [Theory]
    [InlineData("2013-01-01 = 0.3 (P)", "01/01/2013 : 0,3 (P)")]
    [InlineData("2025-07-01 = 1234.5", "01/07/2025 : 1\u00A0234,5")]
    [InlineData("autre chose", "autre chose")]
    public void A_dated_value_of_the_service_is_read_in_French(string value, string french) =>
        Assert.Equal(french, BaremesModel.DatedValue(value));
}
