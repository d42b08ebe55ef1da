using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Parameters.Loading;

namespace Ctg.Funding.Engine.Tests;

public class ParameterLoadingTests
{
    [Fact]
    public void Repository_files_load_and_match_the_embedded_copy()
    {
        var fromDisk = ParameterLoader.LoadDirectory(TestParameters.RepositoryParametersDirectory);
        // 63 files, plus the per-stratum floors and revaluations of the five kinds (bt.strates.*).
        Assert.Equal(73, fromDisk.Count);
        Assert.Equal(fromDisk.ContentHash, TestParameters.Real.ContentHash);
        Assert.Matches("^[0-9a-f]{64}$", fromDisk.ContentHash);
    }

    // Every value RULES.md §6 gives, with its date and tag.
    [Theory]
    [InlineData("psu.taux", 2002, "0.66", ConfidenceTag.P)]
    [InlineData("psu.prix_plafond.bande_1.sans_fournitures", 2013, "6.89", ConfidenceTag.S)]
    [InlineData("psu.prix_plafond.bande_1.sans_fournitures", 2017, "6.89", ConfidenceTag.S)]
    [InlineData("psu.prix_plafond.bande_1.avec_fournitures", 2024, "10.05", ConfidenceTag.D)]
    [InlineData("psu.revalorisation", 2022, "0.05", ConfidenceTag.S)]
    [InlineData("psu.revalorisation", 2023, "0.02", ConfidenceTag.S)]
    [InlineData("psu.revalorisation", 2025, "0.02", ConfidenceTag.P)]
    [InlineData("psu.bonus_mixite.montant_1", 2020, "2100", ConfidenceTag.P)]
    [InlineData("psu.bonus_mixite.montant_2", 2020, "800", ConfidenceTag.P)]
    [InlineData("psu.bonus_mixite.montant_3", 2020, "300", ConfidenceTag.P)]
    [InlineData("psu.bonus_mixite.seuil_1", 2020, "0.91", ConfidenceTag.C)]
    [InlineData("psu.bonus_mixite.seuil_2", 2020, "1.20", ConfidenceTag.C)]
    [InlineData("psu.bonus_mixite.seuil_3", 2020, "1.52", ConfidenceTag.C)]
    [InlineData("psu.bonus_handicap.plafond", 2019, "1300", ConfidenceTag.P)]
    [InlineData("psu.bonus_attractivite.prive_associatif", 2024, "970", ConfidenceTag.P)]
    [InlineData("psu.bonus_attractivite.public", 2024, "475", ConfidenceTag.P)]
    [InlineData("alsh.taux", 2020, "0.30", ConfidenceTag.S)]
    [InlineData("alsh.complement_inclusif", 2024, "4.50", ConfidenceTag.S)]
    [InlineData("alsh.complement_inclusif", 2025, "3.90", ConfidenceTag.S)]
    [InlineData("alsh.plan_mercredi", 2019, "0.46", ConfidenceTag.P)]
    [InlineData("bt.alsh.cap_heures_nouvelles", 2025, "0.25", ConfidenceTag.S)]
    [InlineData("rpe.missions_renforcees", 2020, "3000", ConfidenceTag.P)]
    [InlineData("laep.taux", 2020, "0.30", ConfidenceTag.P)]
    [InlineData("bt.eaje.nouvelles_places.minimum", 2020, "2100", ConfidenceTag.P)]
    [InlineData("bt.eaje.nouvelles_places.maximum", 2020, "3100", ConfidenceTag.P)]
    [InlineData("bt.eaje.nouvelles_places.minimum", 2021, "2600", ConfidenceTag.P)]
    [InlineData("bt.eaje.nouvelles_places.maximum", 2024, "3600", ConfidenceTag.P)]
    [InlineData("ctre.nouvelles_places", 2025, "2800", ConfidenceTag.P)]
    [InlineData("bonus_trajectoire.seuil_1", 2025, "0.04", ConfidenceTag.P)]
    [InlineData("bonus_trajectoire.seuil_2", 2025, "0.08", ConfidenceTag.P)]
    [InlineData("bonus_trajectoire.seuil_3", 2025, "0.12", ConfidenceTag.P)]
    [InlineData("bonus_trajectoire.montant_1", 2025, "100", ConfidenceTag.P)]
    [InlineData("bonus_trajectoire.montant_2", 2025, "200", ConfidenceTag.P)]
    [InlineData("bonus_trajectoire.montant_3", 2025, "300", ConfidenceTag.P)]
    [InlineData("paiement.acompte_1.taux", 2025, "0.35", ConfidenceTag.P)]
    [InlineData("paiement.acompte_1.date", 2025, "301", ConfidenceTag.P)]
    [InlineData("paiement.acompte_2.taux", 2025, "0.35", ConfidenceTag.P)]
    [InlineData("paiement.acompte_2.date", 2025, "1002", ConfidenceTag.P)]
    public void Section_6_values_are_loaded_with_date_and_tag(string key, int year, string expected, ConfidenceTag tag)
    {
        Assert.True(TestParameters.Real.TryResolve(key, year, out var v), $"{key} has no value for {year}");
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), v.Scalar);
        Assert.Equal(tag, v.Tag);
        Assert.False(string.IsNullOrWhiteSpace(v.Reference.Title));
        Assert.StartsWith("https://", v.Reference.Url);
    }

    [Theory]
    [InlineData("psu.prix_plafond.bande_1.sans_fournitures", 2018)] // the sourced period 2013-2017 ends with value: null
    [InlineData("psu.prix_plafond.bande_2.avec_fournitures", 2020)] // NF: documented absence
    [InlineData("psu.prix_plafond.lineaire.maximum.avec_fournitures", 2025)]
    [InlineData("psu.bonus_handicap.bareme", 2024)]
    [InlineData("alsh.prix_plafond.periscolaire", 2024)]
    [InlineData("rpe.taux", 2024)]
    [InlineData("bt.eaje.nouvelles_places.strates", 2024)]
    [InlineData("bt.alsh.cap_heures_nouvelles", 2024)] // sourced from 2025 only
    [InlineData("alsh.plan_mercredi", 2018)]            // in force from 1 Sept 2018; year 2018 reads 1 January
    [InlineData("psu.bonus_attractivite.public", 2023)]
    public void Missing_values_resolve_to_nothing(string key, int year)
    {
        Assert.False(TestParameters.Real.TryResolve(key, year, out _));
    }

    private static ParameterValidationException LoadInvalid(string yaml, string path = "x/y.yaml")
        => Assert.Throws<ParameterValidationException>(() => ParameterLoader.LoadFromTexts([(path, yaml)]));

    private const string Ref = "    reference: {title: T, url: https://example.org}\n";

    [Fact]
    public void Unknown_unit_is_rejected()
    {
        var ex = LoadInvalid("description: d\nmetadata: {unit: euros}\nvalues:\n  2020-01-01:\n    value: 1\n" + Ref + "    confidence: P\n");
        Assert.Contains(ex.Errors, e => e.File == "x/y.yaml" && e.Message.StartsWith("metadata.unit 'euros' is not one of"));
    }

    [Fact]
    public void Dates_out_of_order_are_rejected_as_overlap()
    {
        var ex = LoadInvalid("description: d\nmetadata: {unit: ratio}\nvalues:\n  2021-01-01:\n    value: 0.5\n" + Ref + "    confidence: P\n  2020-01-01:\n    value: 0.4\n" + Ref + "    confidence: P\n");
        Assert.Contains(ex.Errors, e => e.Message == "value dates are not ascending: 2020-01-01 after 2021-01-01 (values would overlap)");
    }

    [Fact]
    public void Duplicate_dates_are_rejected()
    {
        var ex = LoadInvalid("description: d\nmetadata: {unit: ratio}\nvalues:\n  2020-01-01:\n    value: 0.5\n" + Ref + "    confidence: P\n  2020-01-01:\n    value: 0.4\n" + Ref + "    confidence: P\n");
        Assert.Single(ex.Errors);
        Assert.Equal("x/y.yaml", ex.Errors[0].File);
    }

    [Fact]
    public void Missing_reference_and_bad_tag_are_both_reported()
    {
        var ex = LoadInvalid("description: d\nmetadata: {unit: ratio}\nvalues:\n  2020-01-01:\n    value: 0.5\n    confidence: X\n");
        Assert.Contains(ex.Errors, e => e.Message == "value of 2020-01-01: reference.title and reference.url are required");
        Assert.Contains(ex.Errors, e => e.Message == "value of 2020-01-01: confidence 'X' must be one of P, S, D, C, NF");
    }

    [Fact]
    public void A_file_without_values_must_document_the_absence()
    {
        var ex = LoadInvalid("description: d\nmetadata: {unit: ratio}\nvalues: {}\n");
        Assert.Contains(ex.Errors, e => e.Message == "no value: the file must say why under absence.reason (documented absence)");
    }

    [Fact]
    public void A_number_tagged_NF_is_rejected()
    {
        var ex = LoadInvalid("description: d\nmetadata: {unit: ratio}\nvalues:\n  2020-01-01:\n    value: 0.43\n" + Ref + "    confidence: NF\n");
        Assert.Contains(ex.Errors, e => e.Message == "value of 2020-01-01: a value tagged NF (not found publicly) cannot carry a number");
    }

    [Fact]
    public void Ratio_out_of_range_is_rejected()
    {
        var ex = LoadInvalid("description: d\nmetadata: {unit: ratio}\nvalues:\n  2020-01-01:\n    value: 66\n" + Ref + "    confidence: P\n");
        Assert.Contains(ex.Errors, e => e.Message == "value of 2020-01-01: 66 is out of range for unit ratio");
    }

    [Fact]
    public void Null_value_ends_a_measure()
    {
        var set = ParameterLoader.LoadFromTexts([("a/b.yaml",
            "description: d\nmetadata: {unit: eur_per_year}\nvalues:\n  2020-01-01:\n    value: 100\n" + Ref + "    confidence: P\n  2022-01-01:\n    value: null\n" + Ref + "    confidence: P\n")]);
        Assert.True(set.TryResolve("a.b", 2021, out var v));
        Assert.Equal(100m, v.Scalar);
        Assert.False(set.TryResolve("a.b", 2022, out _));
        Assert.False(set.TryResolve("a.b", 2019, out _));
    }

    [Fact]
    public void Content_hash_changes_with_a_value_and_not_with_its_spelling()
    {
        static string Yaml(string v) => "description: d\nmetadata: {unit: ratio}\nvalues:\n  2020-01-01:\n    value: " + v + "\n" + Ref + "    confidence: P\n";
        var a = ParameterLoader.LoadFromTexts([("k.yaml", Yaml("0.66"))]).ContentHash;
        var b = ParameterLoader.LoadFromTexts([("k.yaml", Yaml("0.660"))]).ContentHash;
        var c = ParameterLoader.LoadFromTexts([("k.yaml", Yaml("0.67"))]).ContentHash;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Overrides_with_unknown_keys_throw_listing_them_all()
    {
        var ex = Assert.Throws<UnknownParameterKeysException>(() => TestParameters.Real.WithOverrides(
            new ParameterOverrides().Set("psu.taux", 0.5m).Set("psu.tau", 0.5m).Set("zzz", 1m)));
        Assert.Equal(["psu.tau", "zzz"], ex.UnknownKeys);
    }

    [Fact]
    public void Overrides_change_the_hash_and_are_tagged()
    {
        var o = TestParameters.Real.WithOverrides(new ParameterOverrides().Set("rpe.taux", 0.43m));
        Assert.NotEqual(TestParameters.Real.ContentHash, o.ContentHash);
        Assert.True(o.TryResolve("rpe.taux", 2024, out var v));
        Assert.Equal(ConfidenceTag.SimulationOverride, v.Tag);
        Assert.False(TestParameters.Real.TryResolve("rpe.taux", 2024, out _)); // the original set is untouched
    }

    [Fact]
    public void A_scalar_override_on_a_scale_is_rejected()
    {
        var ex = Assert.Throws<InvalidParameterOverrideException>(() => TestParameters.Real.WithOverrides(new ParameterOverrides().Set("psu.bonus_handicap.bareme", 1m)));
        Assert.Equal("psu.bonus_handicap.bareme", ex.Key);
    }
}
