using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.Signatories.Events;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Conventions;

public sealed partial class ConventionAggregate
{
    /// <summary>An avenant: numbered from 1, dated, says what it changes, takes effect on a date.
    /// It is appended; the terms before its effective date stay as they were.</summary>
    public void Amend(AmendCommand command)
    {
        var amendment = command.Amendment;
        var validation = new Violations();
        if (amendment is null)
        {
            validation.Add("amendment", "is required");
            validation.ThrowIfAny();
        }

        validation.Require(amendment!.Number > 0, "amendment.number", "avenants are numbered from 1");
        var dated = validation.Required(amendment.Dated, "amendment.dated");
        var effectiveOn = validation.Required(amendment.EffectiveOn, "amendment.effective_on");
        validation.Require(!string.IsNullOrWhiteSpace(amendment.Description), "amendment.description", "an avenant says what it changes");
        for (var i = 0; i < amendment.CommunesAdded.Count; i++)
        {
            ConventionInputRules.ValidateCommune(validation, amendment.CommunesAdded[i], $"amendment.communes_added[{i}]");
        }

        for (var i = 0; i < amendment.CommunesUpdated.Count; i++)
        {
            ConventionInputRules.ValidateCommune(validation, amendment.CommunesUpdated[i], $"amendment.communes_updated[{i}]");
        }

        for (var i = 0; i < amendment.CommunesRemoved.Count; i++)
        {
            validation.Require(FrenchCodes.IsInseeCommuneCode(amendment.CommunesRemoved[i]), $"amendment.communes_removed[{i}]",
                $"'{amendment.CommunesRemoved[i]}' is not an INSEE commune code");
        }

        ConventionInputRules.ValidateFields(validation, amendment.FieldsAdded, "amendment.fields_added", atLeastOne: false);
        ConventionInputRules.ValidateFields(validation, amendment.FieldsRemoved, "amendment.fields_removed", atLeastOne: false);
        var newEnd = validation.Optional(amendment.NewEnd, "amendment.new_end");
        if (newEnd is not null)
        {
            ConventionInputRules.ValidateEnd(validation, Record.Period.Start.Stored(), newEnd.Value, "amendment.new_end");
        }

        validation.ThrowIfAny("The amendment is invalid.");

        var preconditions = new Violations();
        if (Record.Termination is { } termination)
        {
            var terminationDate = termination.EffectiveOn.Stored();
            if (dated!.Value >= terminationDate || effectiveOn!.Value >= terminationDate)
            {
                throw new PreconditionFailedError($"Convention {Record.ConventionId} is terminated.",
                    new FieldViolation("convention_id", $"the convention is terminated from {terminationDate:yyyy-MM-dd}: it can no longer be amended"));
            }
        }

        var signedOn = ConventionSignatures.FullySignedOn(Record);
        if (signedOn is null)
        {
            throw new PreconditionFailedError($"Convention {Record.ConventionId} is not signed.",
                new FieldViolation("convention_id", "a draft is changed before signing; an avenant amends a signed convention"));
        }

        preconditions.Require(amendment.Number == Record.Amendments.Count + 1, "amendment.number",
            $"the next avenant is number {Record.Amendments.Count + 1}");
        preconditions.Require(dated!.Value >= signedOn.Value, "amendment.dated",
            $"an avenant cannot be dated before the convention was signed ({signedOn:yyyy-MM-dd})");

        // The terms the avenant changes are those in force when it takes effect.
        var before = SnapshotAt(effectiveOn!.Value);
        preconditions.Require(effectiveOn.Value >= before.Start && effectiveOn.Value <= before.End, "amendment.effective_on",
            $"an avenant takes effect within the period of the convention ({before.Start:yyyy-MM-dd} to {before.End:yyyy-MM-dd})");
        preconditions.Require(Record.Amendments.All(a => a.EffectiveOn.Stored() <= effectiveOn.Value), "amendment.effective_on",
            "an avenant cannot take effect before an earlier avenant");
        for (var i = 0; i < amendment.CommunesAdded.Count; i++)
        {
            preconditions.Require(before.FindCommune(amendment.CommunesAdded[i].InseeCode) is null, $"amendment.communes_added[{i}].insee_code",
                $"commune {amendment.CommunesAdded[i].InseeCode} is already in the territory");
        }

        for (var i = 0; i < amendment.CommunesRemoved.Count; i++)
        {
            preconditions.Require(before.FindCommune(amendment.CommunesRemoved[i]) is not null, $"amendment.communes_removed[{i}]",
                $"commune {amendment.CommunesRemoved[i]} is not in the territory");
        }

        for (var i = 0; i < amendment.CommunesUpdated.Count; i++)
        {
            preconditions.Require(before.FindCommune(amendment.CommunesUpdated[i].InseeCode) is not null, $"amendment.communes_updated[{i}].insee_code",
                $"commune {amendment.CommunesUpdated[i].InseeCode} is not in the territory");
        }

        for (var i = 0; i < amendment.FieldsAdded.Count; i++)
        {
            preconditions.Require(!before.Fields.Contains(amendment.FieldsAdded[i]), $"amendment.fields_added[{i}]", "is already a field of the convention");
        }

        for (var i = 0; i < amendment.FieldsRemoved.Count; i++)
        {
            preconditions.Require(before.Fields.Contains(amendment.FieldsRemoved[i]), $"amendment.fields_removed[{i}]", "is not a field of the convention");
        }

        if (newEnd is not null)
        {
            preconditions.Require(newEnd.Value >= effectiveOn.Value, "amendment.new_end", "cannot end before the avenant takes effect");
        }

        preconditions.ThrowIfAnyAsPrecondition("The amendment does not fit the convention.");

        var stored = Stored(amendment);
        Record.Amendments.Add(stored);
        _changes.Add("amended");
        _events.Add(PendingEvent.Of(SignatoriesTopics.ConventionAmended, new ConventionAmended(
            Record.ConventionId,
            amendment.Number,
            dated.Value,
            effectiveOn.Value,
            amendment.Description,
            stored.CommunesAdded.Select(ToData).ToList(),
            amendment.CommunesRemoved.ToList(),
            stored.CommunesUpdated.Select(ToData).ToList(),
            amendment.FieldsAdded.Select(f => f.ToString()).ToList(),
            amendment.FieldsRemoved.Select(f => f.ToString()).ToList(),
            newEnd,
            string.IsNullOrEmpty(amendment.NewName) ? null : amendment.NewName,
            NextVersion)));
    }

    /// <summary>The avenant as the convention's record keeps it (the stored message), its dates as given.</summary>
    private static Amendment Stored(AmendmentEntry amendment)
    {
        var stored = new Amendment
        {
            Number = amendment.Number, Dated = amendment.Dated?.Clone(), EffectiveOn = amendment.EffectiveOn?.Clone(), Description = amendment.Description,
            NewEnd = amendment.NewEnd?.Clone(), NewName = amendment.NewName,
        };
        stored.CommunesAdded.AddRange(amendment.CommunesAdded.Select(Stored));
        stored.CommunesRemoved.AddRange(amendment.CommunesRemoved);
        stored.CommunesUpdated.AddRange(amendment.CommunesUpdated.Select(Stored));
        stored.FieldsAdded.AddRange(amendment.FieldsAdded);
        stored.FieldsRemoved.AddRange(amendment.FieldsRemoved);
        return stored;
    }

    /// <summary>Résiliation. The effective date follows from the kind and the convention's own notice
    /// periods (<see cref="TerminationNotice"/>): a denunciation, after a formal notice, or at once by right.</summary>
    public void Terminate(TerminateCommand command)
    {
        var validation = new Violations();
        if (command.Kind == TerminationKind.Unspecified || !Enum.IsDefined(command.Kind))
        {
            validation.Add("kind", "is required");
        }

        var notifiedOn = validation.Required(command.NotifiedOn, "notified_on");
        validation.Require(!string.IsNullOrWhiteSpace(command.Reason), "reason", "is required");
        validation.ThrowIfAny("The termination is invalid.");

        if (Record.Termination is not null)
        {
            throw new PreconditionFailedError($"Convention {Record.ConventionId} is already terminated.",
                new FieldViolation("convention_id", $"already terminated from {Record.Termination.EffectiveOn.Stored():yyyy-MM-dd}"));
        }

        var signedOn = ConventionSignatures.FullySignedOn(Record)
            ?? throw new PreconditionFailedError($"Convention {Record.ConventionId} is not signed.",
                new FieldViolation("convention_id", "only a signed convention can be terminated"));

        var effectiveOn = TerminationNotice.EffectiveDate(Record.TerminationTerms, command.Kind, notifiedOn!.Value);
        var preconditions = new Violations();
        preconditions.Require(notifiedOn.Value >= signedOn, "notified_on", $"is before the convention was signed ({signedOn:yyyy-MM-dd})");
        var end = SnapshotAt(effectiveOn).End;
        preconditions.Require(effectiveOn <= end, "notified_on",
            $"the termination would take effect on {effectiveOn:yyyy-MM-dd}, after the convention ends ({end:yyyy-MM-dd})");
        if (!string.IsNullOrEmpty(command.RequestedBySignatoryId))
        {
            preconditions.Require(Record.Signatories.Any(s => s.SignatoryId == command.RequestedBySignatoryId),
                "requested_by_signatory_id", "is not a signatory of the convention");
        }

        preconditions.ThrowIfAnyAsPrecondition("The termination does not fit the convention.");

        Record.Termination = new Termination
        {
            Kind = command.Kind,
            NotifiedOn = notifiedOn.Value.ToProto(),
            EffectiveOn = effectiveOn.ToProto(),
            Reason = command.Reason,
            RequestedBySignatoryId = command.RequestedBySignatoryId ?? string.Empty,
        };
        _changes.Add("terminated");
        _events.Add(PendingEvent.Of(SignatoriesTopics.ConventionTerminated, new ConventionTerminated(
            Record.ConventionId,
            command.Kind.ToString(),
            notifiedOn.Value,
            effectiveOn,
            command.Reason,
            string.IsNullOrEmpty(command.RequestedBySignatoryId) ? null : command.RequestedBySignatoryId,
            NextVersion)));
    }
}
