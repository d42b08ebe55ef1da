using Ctg.Cli.Commands;
using Ctg.Cli.Errors;

namespace Ctg.Cli.Tests;

public sealed class OverrideParserTests
{
    [Theory]
    [InlineData("psu.taux=0,66", "psu.taux", "0.66")]
    [InlineData("bt.revalorisation.alsh = 1.02", "bt.revalorisation.alsh", "1.02")]
    [InlineData("bt.plancher.eaje=2\u00A0600", "bt.plancher.eaje", "2600")]
    public void Parameter_overrides_accept_the_french_comma(string text, string key, string value)
    {
        var parsed = OverrideParser.Parameter(text);
        Assert.Equal(key, parsed.Key);
        Assert.Equal(value, parsed.Value);
    }

    [Fact]
    public void Activity_override_names_a_structure_and_its_units()
    {
        var parsed = OverrideParser.Activity("str-39-jn-multi-accueil-fraisans=25,5");
        Assert.Equal("str-39-jn-multi-accueil-fraisans", parsed.StructureId);
        Assert.Equal("25.5", parsed.ActivityUnits);
    }

    [Theory]
    [InlineData("psu.taux")]
    [InlineData("=0.66")]
    [InlineData("psu.taux=")]
    public void Missing_name_or_value_is_a_usage_error(string text)
    {
        var failure = Assert.Throws<CliException>(() => OverrideParser.Parameter(text));
        Assert.Equal(ExitCodes.Usage, failure.ExitCode);
        Assert.Contains("--param attend la forme nom=valeur", failure.Message);
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_a_validation_error_naming_the_key()
    {
        var failure = Assert.Throws<CliException>(() => OverrideParser.Parameter("psu.taux=beaucoup"));
        Assert.Equal(ExitCodes.Validation, failure.ExitCode);
        Assert.Equal("La valeur de --param pour « psu.taux » n'est pas un nombre : « beaucoup ».", failure.Message);
    }
}
