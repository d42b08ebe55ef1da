using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.Signatories.Competences;
using Ctg.Signatories.Events;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Conventions;

public sealed partial class ConventionAggregate
{
    /// <summary>Grants a field (or one AO competence) to a signatory over communes of the territory.</summary>
    public CompetenceRecord Grant(GrantCompetenceCommand command)
    {
        var validation = new Violations();
        var scope = ValidateScope(validation, command.Scope);
        var effectiveOnInput = validation.Optional(command.EffectiveOn, "effective_on");
        ValidateNewCompetenceId(validation, command.CompetenceId);
        for (var i = 0; i < command.CommuneInseeCodes.Count; i++)
        {
            validation.Require(FrenchCodes.IsInseeCommuneCode(command.CommuneInseeCodes[i]), $"commune_insee_codes[{i}]", "is not an INSEE commune code");
        }

        validation.Require(!string.IsNullOrEmpty(command.SignatoryId), "signatory_id", "is required");
        validation.ThrowIfAny("The grant is invalid.");

        var signatory = FindSignatory(command.SignatoryId);
        var communes = command.CommuneInseeCodes.ToList();
        if (communes.Count == 0 && signatory.Kind == SignatoryKind.Commune)
        {
            communes.Add(signatory.CommuneInseeCode);
        }

        var effectiveOn = effectiveOnInput ?? Record.Period.Start.Stored();
        var snapshot = SnapshotAt(effectiveOn);
        var preconditions = new Violations();
        preconditions.Require(communes.Count > 0, "commune_insee_codes", "name the communes the competence is granted over");
        for (var i = 0; i < command.CommuneInseeCodes.Count; i++)
        {
            preconditions.Require(snapshot.FindCommune(command.CommuneInseeCodes[i]) is not null, $"commune_insee_codes[{i}]",
                $"commune {command.CommuneInseeCodes[i]} is not in the territory on {effectiveOn:yyyy-MM-dd}");
        }

        CheckScopeFitsConvention(preconditions, scope, snapshot, effectiveOn);
        preconditions.Require(Record.Competences.All(c => c.CompetenceId != command.CompetenceId || string.IsNullOrEmpty(command.CompetenceId)),
            "competence_id", "is already used");
        preconditions.ThrowIfAnyAsPrecondition("The grant does not fit the convention.");

        var record = new CompetenceRecord
        {
            CompetenceId = string.IsNullOrEmpty(command.CompetenceId) ? FrenchCodes.NewId("cmp") : command.CompetenceId,
            ConventionId = Record.ConventionId,
            Scope = Stored(scope),
            HolderSignatoryId = signatory.SignatoryId,
            Extent = TransferExtent.Whole,
            EffectiveOn = effectiveOn.ToProto(),
            IsTransfer = false,
        };
        record.CommuneInseeCodes.AddRange(communes);
        Record.Competences.Add(record);
        _changes.Add("competence-granted");
        _events.Add(PendingEvent.Of(SignatoriesTopics.CompetenceGranted, new CompetenceGranted(
            Record.ConventionId, record.CompetenceId, scope.Field.ToString(), AoName(scope), signatory.SignatoryId, signatory.Name,
            signatory.Kind.ToString(), communes, effectiveOn, NextVersion)));
        return record.Clone();
    }

    /// <summary>Transfers a commune's field (or AO competence) to its EPCI or a syndicate, wholly or
    /// partly, from a date. The commune must hold it on that date.</summary>
    public CompetenceRecord Transfer(TransferCompetenceCommand command)
    {
        var validation = new Violations();
        var scope = ValidateScope(validation, command.Scope);
        var effectiveOn = validation.Required(command.EffectiveOn, "effective_on");
        ValidateNewCompetenceId(validation, command.CompetenceId);
        validation.Require(FrenchCodes.IsInseeCommuneCode(command.CommuneInseeCode ?? string.Empty), "commune_insee_code", "is not an INSEE commune code");
        validation.Require(!string.IsNullOrEmpty(command.ToSignatoryId), "to_signatory_id", "is required");
        if (command.Extent == TransferExtent.Unspecified || !Enum.IsDefined(command.Extent))
        {
            validation.Add("extent", "is required: whole or partial");
        }

        validation.Require(command.Extent != TransferExtent.Partial || !string.IsNullOrWhiteSpace(command.PartialScope), "partial_scope",
            "a partial transfer says which part of the field is transferred");
        validation.Require(command.Extent != TransferExtent.Whole || string.IsNullOrEmpty(command.PartialScope), "partial_scope",
            "only a partial transfer has a partial scope");
        validation.ThrowIfAny("The transfer is invalid.");

        var transferee = FindSignatory(command.ToSignatoryId);
        var snapshot = SnapshotAt(effectiveOn!.Value);
        var preconditions = new Violations();
        preconditions.Require(transferee.Kind is SignatoryKind.Epci or SignatoryKind.Sivu or SignatoryKind.Sivom or SignatoryKind.SyndicatMixte,
            "to_signatory_id", "a commune transfers a competence to its EPCI or a syndicate (SIVU, SIVOM, syndicat mixte)");
        var commune = snapshot.FindCommune(command.CommuneInseeCode!);
        preconditions.Require(commune is not null, "commune_insee_code", $"commune {command.CommuneInseeCode} is not in the territory on {effectiveOn:yyyy-MM-dd}");
        CheckScopeFitsConvention(preconditions, scope, snapshot, effectiveOn.Value);
        preconditions.Require(Record.Competences.All(c => c.CompetenceId != command.CompetenceId || string.IsNullOrEmpty(command.CompetenceId)),
            "competence_id", "is already used");
        preconditions.ThrowIfAnyAsPrecondition("The transfer does not fit the convention.");

        if (!CompetenceResolver.CommuneHolds(Record, scope, command.CommuneInseeCode!, effectiveOn.Value))
        {
            throw new PreconditionFailedError($"Commune {command.CommuneInseeCode} does not hold this competence on {effectiveOn:yyyy-MM-dd}.",
                new FieldViolation("scope", $"commune {command.CommuneInseeCode} does not hold {Describe(scope)} on {effectiveOn:yyyy-MM-dd}: it cannot transfer it"));
        }

        var record = new CompetenceRecord
        {
            CompetenceId = string.IsNullOrEmpty(command.CompetenceId) ? FrenchCodes.NewId("cmp") : command.CompetenceId,
            ConventionId = Record.ConventionId,
            Scope = Stored(scope),
            HolderSignatoryId = transferee.SignatoryId,
            FromCommuneInseeCode = command.CommuneInseeCode,
            Extent = command.Extent,
            PartialScope = command.PartialScope ?? string.Empty,
            EffectiveOn = effectiveOn.Value.ToProto(),
            IsTransfer = true,
        };
        record.CommuneInseeCodes.Add(command.CommuneInseeCode);
        Record.Competences.Add(record);
        _changes.Add("competence-transferred");
        _events.Add(PendingEvent.Of(SignatoriesTopics.CompetenceTransferred, new CompetenceTransferred(
            Record.ConventionId, record.CompetenceId, scope.Field.ToString(), AoName(scope), command.CommuneInseeCode!, transferee.SignatoryId,
            transferee.Name, transferee.Kind.ToString(), command.Extent.ToString(),
            string.IsNullOrEmpty(command.PartialScope) ? null : command.PartialScope, effectiveOn.Value, NextVersion)));
        return record.Clone();
    }

    /// <summary>Records that a measure required of AO (schéma pluriannuel, RPE) is in place for communes.</summary>
    public AoMeasure DeclareAoMeasure(DeclareAoMeasureCommand command)
    {
        var validation = new Violations();
        if (command.Kind == AoMeasureKind.Unspecified || !Enum.IsDefined(command.Kind))
        {
            validation.Add("kind", "is required");
        }

        var inPlaceFrom = validation.Required(command.InPlaceFrom, "in_place_from");
        ValidateNewCompetenceId(validation, command.MeasureId, "measure_id");
        validation.Require(command.CommuneInseeCodes.Count > 0, "commune_insee_codes", "name the communes the measure covers");
        for (var i = 0; i < command.CommuneInseeCodes.Count; i++)
        {
            validation.Require(FrenchCodes.IsInseeCommuneCode(command.CommuneInseeCodes[i]), $"commune_insee_codes[{i}]", "is not an INSEE commune code");
        }

        validation.ThrowIfAny("The AO measure is invalid.");
        // A measure may predate the convention (an RPE open for years): check the territory it starts with.
        var periodStart = Record.Period.Start.Stored();
        var snapshot = SnapshotAt(inPlaceFrom!.Value < periodStart ? periodStart : inPlaceFrom.Value);
        var preconditions = new Violations();
        for (var i = 0; i < command.CommuneInseeCodes.Count; i++)
        {
            preconditions.Require(snapshot.FindCommune(command.CommuneInseeCodes[i]) is not null, $"commune_insee_codes[{i}]",
                $"commune {command.CommuneInseeCodes[i]} is not in the territory");
        }

        if (!string.IsNullOrEmpty(command.SignatoryId))
        {
            preconditions.Require(Record.Signatories.Any(s => s.SignatoryId == command.SignatoryId), "signatory_id", "is not a signatory of the convention");
        }

        preconditions.Require(Record.AoMeasures.All(m => m.MeasureId != command.MeasureId || string.IsNullOrEmpty(command.MeasureId)),
            "measure_id", "is already used");
        preconditions.ThrowIfAnyAsPrecondition("The AO measure does not fit the convention.");

        var measure = new AoMeasure
        {
            MeasureId = string.IsNullOrEmpty(command.MeasureId) ? FrenchCodes.NewId("aom") : command.MeasureId,
            ConventionId = Record.ConventionId,
            Kind = command.Kind,
            InPlaceFrom = inPlaceFrom.Value.ToProto(),
            SignatoryId = command.SignatoryId ?? string.Empty,
            Description = command.Description ?? string.Empty,
        };
        measure.CommuneInseeCodes.AddRange(command.CommuneInseeCodes);
        Record.AoMeasures.Add(measure);
        _changes.Add("ao-measure-declared");
        return measure.Clone();
    }

    private static CompetenceScopeEntry ValidateScope(Violations validation, CompetenceScopeEntry? scope)
    {
        if (scope is null)
        {
            validation.Add("scope", "is required");
            return new CompetenceScopeEntry(FieldOfIntervention.Unspecified, AoCompetence.Unspecified);
        }

        var normalized = CompetenceResolver.Normalize(scope);
        if (normalized.Field == FieldOfIntervention.Unspecified || !Enum.IsDefined(normalized.Field))
        {
            validation.Add("scope.field", "is required");
        }

        if (!Enum.IsDefined(normalized.AoCompetence))
        {
            validation.Add("scope.ao_competence", "is not an AO competence");
        }
        else if (normalized.AoCompetence != AoCompetence.Unspecified && normalized.Field != FieldOfIntervention.PetiteEnfance)
        {
            validation.Add("scope.ao_competence", "the AO competences belong to the field petite enfance");
        }

        return normalized;
    }

    private static void ValidateNewCompetenceId(Violations validation, string id, string field = "competence_id")
    {
        if (!string.IsNullOrEmpty(id) && !FrenchCodes.IsValidId(id))
        {
            validation.Add(field, "letters, digits, '.', '_' and '-' only, 128 characters at most");
        }
    }

    /// <summary>The scope as the competence record keeps it (the stored message), normalized.</summary>
    private static CompetenceScope Stored(CompetenceScopeEntry scope) => new() { Field = scope.Field, AoCompetence = scope.AoCompetence };

    private static void CheckScopeFitsConvention(Violations preconditions, CompetenceScopeEntry scope, ConventionSnapshot snapshot, DateOnly effectiveOn)
    {
        preconditions.Require(snapshot.Fields.Contains(scope.Field), "scope.field",
            $"{scope.Field} is not a field of intervention of the convention on {effectiveOn:yyyy-MM-dd}");
        preconditions.Require(scope.AoCompetence == AoCompetence.Unspecified || effectiveOn >= CompetenceResolver.AoRegimeStart, "scope.ao_competence",
            "communes are autorités organisatrices from 1 January 2025 only");
        preconditions.Require(effectiveOn >= snapshot.Start && effectiveOn <= snapshot.End, "effective_on",
            $"is outside the period of the convention ({snapshot.Start:yyyy-MM-dd} to {snapshot.End:yyyy-MM-dd})");
    }

    private static string? AoName(CompetenceScopeEntry scope) => scope.AoCompetence == AoCompetence.Unspecified ? null : scope.AoCompetence.ToString();

    private static string Describe(CompetenceScopeEntry scope) =>
        scope.AoCompetence == AoCompetence.Unspecified ? $"field {scope.Field}" : $"AO competence {scope.AoCompetence}";
}
