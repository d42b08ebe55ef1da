using Ctg.Domain;
using Ctg.Signatories.Competences;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Tests;

/// <summary>Host-free: the rules that read a competence's scope (CompetenceScopeEntry) on the aggregate alone, against a
/// draft 2025-2029 of Montbéliard, Seloncourt and Arbouans with the CAF and the EPCI, with the same field paths and
/// messages the API answers (CompetenceTests goes through gRPC); and the resolver asked with a domain scope.</summary>
public sealed class CompetenceRulesTests
{
    private const string Id = "ctg-25-competences-regles";

    private static ConventionAggregate Draft()
    {
        var aggregate = ConventionAggregate.CreateDraft(Scenario.Draft(Id).ToCommand());
        aggregate.AddSignatory(new AddSignatoryCommand(Scenario.Caf(Id).ToEntry()));
        aggregate.AddSignatory(new AddSignatoryCommand(Scenario.Epci(Id).ToEntry()));
        return aggregate;
    }

    private static GrantCompetenceCommand Grant(CompetenceScopeEntry? scope) =>
        new("", scope, Id + "-epci", [Scenario.Arbouans], D.Of(2025, 3, 1));

    private static TransferCompetenceCommand Transfer(CompetenceScopeEntry? scope) =>
        new("", scope, Scenario.Seloncourt, Id + "-epci", TransferExtent.Whole, "", D.Of(2025, 6, 1));

    private static IEnumerable<(string Field, string Description)> Refusal(DomainError error) => error.Violations.Select(v => (v.Field, v.Description));

    [Fact]
    public void A_scope_absent_without_field_or_with_an_AO_competence_outside_petite_enfance_is_refused_on_its_field()
    {
        var aggregate = Draft();

        Assert.Equal(new[] { ("scope", "is required") }, Refusal(Assert.Throws<RuleViolationError>(() => aggregate.Grant(Grant(null)))));
        Assert.Equal(new[] { ("scope.field", "is required") }, Refusal(Assert.Throws<RuleViolationError>(
            () => aggregate.Grant(Grant(new CompetenceScopeEntry(FieldOfIntervention.Unspecified, AoCompetence.Unspecified))))));
        Assert.Equal(new[] { ("scope.ao_competence", "the AO competences belong to the field petite enfance") }, Refusal(Assert.Throws<RuleViolationError>(
            () => aggregate.Transfer(Transfer(new CompetenceScopeEntry(FieldOfIntervention.Enfance, AoCompetence.Planifier))))));
        Assert.Equal(new[] { ("scope.ao_competence", "is not an AO competence") }, Refusal(Assert.Throws<RuleViolationError>(
            () => aggregate.Transfer(Transfer(new CompetenceScopeEntry(FieldOfIntervention.PetiteEnfance, (AoCompetence)99))))));
        Assert.Empty(aggregate.Record.Competences);
    }

    [Fact]
    public void An_AO_competence_named_without_its_field_is_stored_under_petite_enfance()
    {
        var aggregate = Draft();

        var record = aggregate.Grant(Grant(new CompetenceScopeEntry(FieldOfIntervention.Unspecified, AoCompetence.InformerAccompagner)));

        Assert.Equal(new CompetenceScope { Field = FieldOfIntervention.PetiteEnfance, AoCompetence = AoCompetence.InformerAccompagner }, record.Scope);
        Assert.Equal(record.Scope, Assert.Single(aggregate.Record.Competences).Scope);
        Assert.Equal(new CompetenceScopeEntry(FieldOfIntervention.Enfance, AoCompetence.Unspecified),
            CompetenceResolver.Normalize(new CompetenceScopeEntry(FieldOfIntervention.Enfance, AoCompetence.Unspecified)));
    }

    [Fact]
    public void A_commune_transfers_only_what_it_holds_and_a_whole_field_grant_answers_a_question_on_one_of_its_AO_competences()
    {
        var aggregate = Draft();

        // Nobody granted Seloncourt the field enfance: unlike an AO competence, the law does not give it to the commune.
        var refused = Assert.Throws<PreconditionFailedError>(() => aggregate.Transfer(Transfer(new CompetenceScopeEntry(FieldOfIntervention.Enfance, AoCompetence.Unspecified))));
        Assert.Equal(new[] { ("scope", "commune 25539 does not hold field Enfance on 2025-06-01: it cannot transfer it") }, Refusal(refused));
        aggregate.Transfer(Transfer(new CompetenceScopeEntry(FieldOfIntervention.PetiteEnfance, AoCompetence.Planifier)));
        aggregate.Grant(Grant(new CompetenceScopeEntry(FieldOfIntervention.PetiteEnfance, AoCompetence.Unspecified)));

        var planifier = new CompetenceScopeEntry(FieldOfIntervention.PetiteEnfance, AoCompetence.Planifier);
        Assert.Equal(new[] { (Id + "-epci", TransferExtent.Whole) },
            CompetenceResolver.HoldersOf(aggregate.Record, planifier, Scenario.Seloncourt, new DateOnly(2025, 7, 1)).Select(h => (h.SignatoryId, h.Extent)));
        Assert.Equal(new[] { ("", Scenario.Arbouans), (Id + "-epci", "") },
            CompetenceResolver.HoldersOf(aggregate.Record, planifier, Scenario.Arbouans, new DateOnly(2025, 7, 1)).Select(h => (h.SignatoryId, h.CommuneInseeCode)));
        Assert.False(CompetenceResolver.CommuneHolds(aggregate.Record, planifier, Scenario.Seloncourt, new DateOnly(2025, 7, 1)));
        Assert.True(CompetenceResolver.CommuneHolds(aggregate.Record, planifier, Scenario.Seloncourt, new DateOnly(2025, 5, 31)));
    }
}
