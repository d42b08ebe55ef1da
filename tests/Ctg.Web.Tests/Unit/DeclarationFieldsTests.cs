using Ctg.Structures.V1;
using Ctg.Web.Declarations;

namespace Ctg.Web.Tests.Unit;

public sealed class DeclarationFieldsTests
{
    [Fact]
    public void Reads_an_eaje_declaration_into_the_contract_figures()
    {
        var errors = new Dictionary<string, string>();
        var figures = DeclarationFields.Read(new Dictionary<string, string?>
        {
            ["places"] = "30", ["hours_invoiced"] = "49 277", ["hours_attended"] = "45 000",
            ["operating_costs"] = "414 306,00", ["family_participations"] = "70 000", ["regime_general_share"] = "0,98",
            ["etp"] = "1,4", // not an EAJE figure: ignored
        }, StructureKind.EajePsu, errors);

        Assert.Empty(errors);
        Assert.Equal(30, figures.Places);
        Assert.Equal("49277", figures.HoursInvoiced.Value);
        Assert.Equal("45000", figures.HoursAttended.Value);
        Assert.Equal(41_430_600, figures.OperatingCosts.Cents);
        Assert.Equal(7_000_000, figures.FamilyParticipations.Cents);
        Assert.Equal("0.98", figures.RegimeGeneralShare.Value);
        Assert.Null(figures.Etp);
        Assert.Equal(49277m / 45000m, DeclarationFields.BillingRate(figures));
    }

    [Fact]
    public void A_value_that_is_not_a_number_gets_a_French_error_on_its_field_and_no_value()
    {
        var errors = new Dictionary<string, string>();
        var figures = DeclarationFields.Read(new Dictionary<string, string?> { ["hours_attended"] = "beaucoup", ["places"] = "2,5" },
            StructureKind.EajePsu, errors);

        Assert.Equal("Saisissez un nombre (par exemple 1 234,5).", errors["hours_attended"]);
        Assert.Equal("Saisissez un nombre entier (par exemple 30).", errors["places"]);
        Assert.Null(figures.HoursAttended);
        Assert.False(figures.HasPlaces);
    }

    [Fact]
    public void Negative_values_are_left_to_the_service_which_decides_the_rules()
    {
        var errors = new Dictionary<string, string>();
        var figures = DeclarationFields.Read(new Dictionary<string, string?> { ["hours_attended"] = "-5" }, StructureKind.Alsh, errors);
        Assert.Empty(errors);
        Assert.Equal("-5", figures.HoursAttended.Value);
    }

    [Theory]
    [InlineData("must not be negative.", "La valeur ne peut pas être négative.")]
    [InlineData("is a share: between 0 and 1.", "C'est une part : saisissez une valeur entre 0 et 1 (par exemple 0,98).")]
    [InlineData("is required for a eaje_psu declaration (heures facturées).", "Ce champ est obligatoire pour ce type de structure.")]
    [InlineData("must be between 1 and 12.", "La valeur doit être comprise entre 1 et 12.")]
    [InlineData("is in the future.", "La date de réception ne peut pas être dans le futur.")]
    [InlineData("something new", "Valeur refusée par le service des structures (motif : something new).")]
    public void Service_violations_read_in_French(string english, string french) => Assert.Equal(french, ViolationText.French(english));

    [Fact]
    public void Every_field_is_named_as_the_service_names_it_in_violations()
    {
        Assert.Equal("hours_attended", DeclarationFields.ByProtoField("figures.hours_attended")!.Name);
        Assert.Null(DeclarationFields.ByProtoField("hours_attended"));
        Assert.Equal(11, DeclarationFields.All.Count);
    }
}
