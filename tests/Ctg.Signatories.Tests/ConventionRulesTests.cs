using Ctg.Domain;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Events;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Tests;

/// <summary>Host-free: the convention's own rules on the aggregate alone (draft, parties, signing, avenant, versions),
/// with the field paths and error kinds the API answers (ConventionDraftTests and SignatoryAndSigningTests go through gRPC).</summary>
public sealed class ConventionRulesTests
{
    private const string Id = "ctg-25-convention-regles";

    /// <summary>The 2025-2029 draft with the CAF du Doubs and the EPCI, loaded as the store would at version 3.</summary>
    private static ConventionAggregate DraftWithParties()
    {
        var aggregate = ConventionAggregate.CreateDraft(Scenario.Draft(Id).ToCommand());
        aggregate.AddSignatory(new AddSignatoryRequest { Signatory = Scenario.Caf(Id) }.ToCommand());
        aggregate.AddSignatory(new AddSignatoryRequest { Signatory = Scenario.Epci(Id) }.ToCommand());
        return ConventionAggregate.Load(aggregate.Record, 3);
    }

    [Fact]
    public void A_draft_names_every_wrong_field_at_once()
    {
        var request = Scenario.Draft(Id);
        request.CafDepartement = "20";
        request.Name = " ";
        request.Territory.Communes.Clear();

        var refused = Assert.Throws<RuleViolationError>(() => ConventionAggregate.CreateDraft(request.ToCommand()));

        Assert.Equal(new[] { "caf_departement", "name", "territory.communes" }, refused.Violations.Select(v => v.Field));
        Assert.Equal("'20' is not a département code (01-95, 2A, 2B, 971-976)", refused.Violations[0].Description);
    }

    [Fact]
    public void A_draft_is_kept_with_its_name_trimmed_and_starts_as_a_new_convention()
    {
        var request = Scenario.Draft(Id);
        request.Name = "  CTG du Pays de Montbéliard ";

        var aggregate = ConventionAggregate.CreateDraft(request.ToCommand());

        Assert.Equal(("CTG du Pays de Montbéliard", "25", 3, true, 0L), (aggregate.Record.Name, aggregate.Record.CafDepartement, aggregate.Record.Territory.Communes.Count, aggregate.IsNew, aggregate.Version));
        Assert.Equal("draft-created", aggregate.ChangeKind);
        Assert.Empty(aggregate.Events);
    }

    [Fact]
    public void The_last_signature_signs_the_convention_and_publishes_it_once_and_then_no_party_can_be_added()
    {
        var aggregate = DraftWithParties();

        aggregate.Sign(new SignCommand(Id + "-caf", D.Of(2024, 12, 18)));
        Assert.Empty(aggregate.Events);
        aggregate.Sign(new SignCommand(Id + "-epci", D.Of(2024, 12, 20)));

        Assert.Equal("signed,signed", aggregate.ChangeKind);
        var published = Assert.Single(aggregate.Events);
        Assert.Equal("signatories.convention-signed.v1", published.Topic);
        var signed = Assert.IsType<ConventionSigned>(published.Event);
        Assert.Equal((new DateOnly(2024, 12, 20), 4L), (signed.SignedOn, signed.Version));
        var added = Assert.Throws<PreconditionFailedError>(() => aggregate.AddSignatory(new AddSignatoryRequest { Signatory = Scenario.Sivu(Id) }.ToCommand()));
        Assert.Equal(new[] { "convention_id" }, added.Violations.Select(v => v.Field));
    }

    [Fact]
    public void A_party_signs_once_never_before_its_deliberation_and_an_unknown_one_is_not_found()
    {
        var aggregate = DraftWithParties();

        var early = Assert.Throws<PreconditionFailedError>(() => aggregate.Sign(new SignCommand(Id + "-epci", D.Of(2024, 12, 4))));
        Assert.Equal(("signed_on", "2024-12-04 is before the deliberation of 2024-12-05"), (early.Violations[0].Field, early.Violations[0].Description));
        Assert.Equal(new[] { "signed_on" }, Assert.Throws<RuleViolationError>(() => aggregate.Sign(new SignCommand(Id + "-epci", null))).Violations.Select(v => v.Field));
        aggregate.Sign(new SignCommand(Id + "-epci", D.Of(2024, 12, 5)));
        Assert.Equal(new[] { "signatory_id" }, Assert.Throws<PreconditionFailedError>(() => aggregate.Sign(new SignCommand(Id + "-epci", D.Of(2024, 12, 6)))).Violations.Select(v => v.Field));
        Assert.Throws<NotFoundError>(() => aggregate.Sign(new SignCommand("sig-inconnu", D.Of(2024, 12, 6))));

        Assert.Equal(new[] { "signed" }, aggregate.ChangeKind.Split(','));
        Assert.False(aggregate.Record.Signatories[0].SignedOn.IsSet());
    }

    [Fact]
    public void A_second_CAF_or_a_party_of_the_same_name_does_not_fit_and_an_avenant_needs_a_signed_convention()
    {
        var aggregate = DraftWithParties();
        var otherCaf = Scenario.Caf(Id);
        otherCaf.SignatoryId = Id + "-caf-2";
        otherCaf.Name = "CAF  bis";

        var refused = Assert.Throws<PreconditionFailedError>(() => aggregate.AddSignatory(new AddSignatoryRequest { Signatory = otherCaf }.ToCommand()));
        Assert.Equal(new[] { "signatory.kind" }, refused.Violations.Select(v => v.Field));
        var sameName = Scenario.Epci(Id);
        sameName.SignatoryId = Id + "-epci-2";
        sameName.Name = " pays de  montbéliard agglomération";
        Assert.Equal(new[] { "signatory.name" }, Assert.Throws<PreconditionFailedError>(
            () => aggregate.AddSignatory(new AddSignatoryRequest { Signatory = sameName }.ToCommand())).Violations.Select(v => v.Field));

        var amendment = new Amendment { Number = 1, Dated = D.Of(2025, 6, 12), EffectiveOn = D.Of(2025, 7, 1), Description = "Ajout d'Audincourt" };
        Assert.Equal(new[] { "convention_id" }, Assert.Throws<PreconditionFailedError>(() => aggregate.Amend(new AmendCommand(amendment.ToEntry()))).Violations.Select(v => v.Field));
        Assert.Equal(2, aggregate.Record.Signatories.Count);
    }

    [Fact]
    public void An_edit_of_an_older_version_is_a_conflict()
    {
        var aggregate = DraftWithParties();

        aggregate.CheckExpectedVersion(3);
        aggregate.CheckExpectedVersion(0);
        var conflict = Assert.Throws<ConflictError>(() => aggregate.CheckExpectedVersion(2));
        Assert.Equal($"Convention {Id} is at version 3, not 2: reload it and retry.", conflict.Message);
    }
}
