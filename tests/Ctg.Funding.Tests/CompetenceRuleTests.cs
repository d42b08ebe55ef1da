using Ctg.Funding.Api.Inputs;
using Ctg.Signatories.V1;
using ProtoKind = Ctg.Funding.V1.BonusTerritoireKind;

namespace Ctg.Funding.Tests;

/// <summary>Host-free: the competence check per commune before a structure enters a group (RULES.md §4.8).</summary>
public sealed class CompetenceRuleTests
{
    [Theory]
    [InlineData(ProtoKind.Eaje, FieldOfIntervention.PetiteEnfance)]
    [InlineData(ProtoKind.Rpe, FieldOfIntervention.PetiteEnfance)]
    [InlineData(ProtoKind.Alsh, FieldOfIntervention.Enfance)]
    [InlineData(ProtoKind.Jeunes, FieldOfIntervention.Jeunesse)]
    [InlineData(ProtoKind.Laep, FieldOfIntervention.Parentalite)]
    public void Each_kind_is_checked_against_its_field(ProtoKind kind, FieldOfIntervention field) => Assert.Equal(field, CompetenceRule.FieldOf(kind));

    [Fact]
    public void The_supporting_collectivity_must_be_among_the_holders_at_the_commune()
    {
        IList<CompetenceHolder> epci = [new CompetenceHolder { SignatoryId = "sig-epci", Kind = SignatoryKind.Epci }];
        Assert.True(CompetenceRule.IsHeldBy(epci, "sig-epci"));
        Assert.False(CompetenceRule.IsHeldBy(epci, "sig-commune-a"));
    }

    [Fact]
    public void When_the_signatories_service_names_no_holder_being_a_signatory_is_enough()
    {
        Assert.True(CompetenceRule.IsHeldBy(null, "sig-commune-a"));
        Assert.True(CompetenceRule.IsHeldBy([], "sig-commune-a"));
    }
}
