using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.Signatories.Events;
using Ctg.Signatories.V1;

namespace Ctg.Signatories.Domain;

public sealed partial class ConventionAggregate
{
    /// <summary>Grants a field (or one AO competence) to a signatory over communes of the territory.</summary>
    public CompetenceRecord Grant(GrantCompetenceRequest request)
    {
        var validation = new Violations();
        var scope = ValidateScope(validation, request.Scope);
        var effectiveOnInput = validation.Optional(request.EffectiveOn, "effective_on");
        ValidateNewCompetenceId(validation, request.CompetenceId);
        for (var i = 0; i < request.CommuneInseeCodes.Count; i++)
        {
            validation.Require(FrenchCodes.IsInseeCommuneCode(request.CommuneInseeCodes[i]), $"commune_insee_codes[{i}]", "is not an INSEE commune code");
        }

        validation.Require(!string.IsNullOrEmpty(request.SignatoryId), "signatory_id", "is required");
        validation.ThrowIfAny("The grant is invalid.");

        var signatory = FindSignatory(request.SignatoryId);
        var communes = request.CommuneInseeCodes.ToList();
        if (communes.Count == 0 && signatory.Kind == SignatoryKind.Commune)
        {
            communes.Add(signatory.CommuneInseeCode);
        }

        var effectiveOn = effectiveOnInput ?? Record.Period.Start.Stored();
        var snapshot = SnapshotAt(effectiveOn);
        var preconditions = new Violations();
        preconditions.Require(communes.Count > 0, "commune_insee_codes", "name the communes the competence is granted over");
        for (var i = 0; i < request.CommuneInseeCodes.Count; i++)
        {
            preconditions.Require(snapshot.FindCommune(request.CommuneInseeCodes[i]) is not null, $"commune_insee_codes[{i}]",
                $"commune {request.CommuneInseeCodes[i]} is not in the territory on {effectiveOn:yyyy-MM-dd}");
        }

        CheckScopeFitsConvention(preconditions, scope, snapshot, effectiveOn);
        preconditions.Require(Record.Competences.All(c => c.CompetenceId != request.CompetenceId || string.IsNullOrEmpty(request.CompetenceId)),
            "competence_id", "is already used");
        preconditions.ThrowIfAnyAsPrecondition("The grant does not fit the convention.");

        var record = new CompetenceRecord
        {
            CompetenceId = string.IsNullOrEmpty(request.CompetenceId) ? FrenchCodes.NewId("cmp") : request.CompetenceId,
            ConventionId = Record.ConventionId,
            Scope = scope,
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
    public CompetenceRecord Transfer(TransferCompetenceRequest request)
    {
        var validation = new Violations();
        var scope = ValidateScope(validation, request.Scope);
        var effectiveOn = validation.Required(request.EffectiveOn, "effective_on");
        ValidateNewCompetenceId(validation, request.CompetenceId);
        validation.Require(FrenchCodes.IsInseeCommuneCode(request.CommuneInseeCode ?? string.Empty), "commune_insee_code", "is not an INSEE commune code");
        validation.Require(!string.IsNullOrEmpty(request.ToSignatoryId), "to_signatory_id", "is required");
        if (request.Extent == TransferExtent.Unspecified || !Enum.IsDefined(request.Extent))
        {
            validation.Add("extent", "is required: whole or partial");
        }

        validation.Require(request.Extent != TransferExtent.Partial || !string.IsNullOrWhiteSpace(request.PartialScope), "partial_scope",
            "a partial transfer says which part of the field is transferred");
        validation.Require(request.Extent != TransferExtent.Whole || string.IsNullOrEmpty(request.PartialScope), "partial_scope",
            "only a partial transfer has a partial scope");
        validation.ThrowIfAny("The transfer is invalid.");

        var transferee = FindSignatory(request.ToSignatoryId);
        var snapshot = SnapshotAt(effectiveOn!.Value);
        var preconditions = new Violations();
        preconditions.Require(transferee.Kind is SignatoryKind.Epci or SignatoryKind.Sivu or SignatoryKind.Sivom or SignatoryKind.SyndicatMixte,
            "to_signatory_id", "a commune transfers a competence to its EPCI or a syndicate (SIVU, SIVOM, syndicat mixte)");
        var commune = snapshot.FindCommune(request.CommuneInseeCode!);
        preconditions.Require(commune is not null, "commune_insee_code", $"commune {request.CommuneInseeCode} is not in the territory on {effectiveOn:yyyy-MM-dd}");
        CheckScopeFitsConvention(preconditions, scope, snapshot, effectiveOn.Value);
        preconditions.Require(Record.Competences.All(c => c.CompetenceId != request.CompetenceId || string.IsNullOrEmpty(request.CompetenceId)),
            "competence_id", "is already used");
        preconditions.ThrowIfAnyAsPrecondition("The transfer does not fit the convention.");

        if (!CompetenceResolver.CommuneHolds(Record, scope, request.CommuneInseeCode!, effectiveOn.Value))
        {
            throw new PreconditionFailedError($"Commune {request.CommuneInseeCode} does not hold this competence on {effectiveOn:yyyy-MM-dd}.",
                new FieldViolation("scope", $"commune {request.CommuneInseeCode} does not hold {Describe(scope)} on {effectiveOn:yyyy-MM-dd}: it cannot transfer it"));
        }

        var record = new CompetenceRecord
        {
            CompetenceId = string.IsNullOrEmpty(request.CompetenceId) ? FrenchCodes.NewId("cmp") : request.CompetenceId,
            ConventionId = Record.ConventionId,
            Scope = scope,
            HolderSignatoryId = transferee.SignatoryId,
            FromCommuneInseeCode = request.CommuneInseeCode,
            Extent = request.Extent,
            PartialScope = request.PartialScope ?? string.Empty,
            EffectiveOn = effectiveOn.Value.ToProto(),
            IsTransfer = true,
        };
        record.CommuneInseeCodes.Add(request.CommuneInseeCode);
        Record.Competences.Add(record);
        _changes.Add("competence-transferred");
        _events.Add(PendingEvent.Of(SignatoriesTopics.CompetenceTransferred, new CompetenceTransferred(
            Record.ConventionId, record.CompetenceId, scope.Field.ToString(), AoName(scope), request.CommuneInseeCode!, transferee.SignatoryId,
            transferee.Name, transferee.Kind.ToString(), request.Extent.ToString(),
            string.IsNullOrEmpty(request.PartialScope) ? null : request.PartialScope, effectiveOn.Value, NextVersion)));
        return record.Clone();
    }

    /// <summary>Records that a measure required of AO (schéma pluriannuel, RPE) is in place for communes.</summary>
    public AoMeasure DeclareAoMeasure(DeclareAoMeasureRequest request)
    {
        var validation = new Violations();
        if (request.Kind == AoMeasureKind.Unspecified || !Enum.IsDefined(request.Kind))
        {
            validation.Add("kind", "is required");
        }

        var inPlaceFrom = validation.Required(request.InPlaceFrom, "in_place_from");
        ValidateNewCompetenceId(validation, request.MeasureId, "measure_id");
        validation.Require(request.CommuneInseeCodes.Count > 0, "commune_insee_codes", "name the communes the measure covers");
        for (var i = 0; i < request.CommuneInseeCodes.Count; i++)
        {
            validation.Require(FrenchCodes.IsInseeCommuneCode(request.CommuneInseeCodes[i]), $"commune_insee_codes[{i}]", "is not an INSEE commune code");
        }

        validation.ThrowIfAny("The AO measure is invalid.");
        // A measure may predate the convention (an RPE open for years): check the territory it starts with.
        var periodStart = Record.Period.Start.Stored();
        var snapshot = SnapshotAt(inPlaceFrom!.Value < periodStart ? periodStart : inPlaceFrom.Value);
        var preconditions = new Violations();
        for (var i = 0; i < request.CommuneInseeCodes.Count; i++)
        {
            preconditions.Require(snapshot.FindCommune(request.CommuneInseeCodes[i]) is not null, $"commune_insee_codes[{i}]",
                $"commune {request.CommuneInseeCodes[i]} is not in the territory");
        }

        if (!string.IsNullOrEmpty(request.SignatoryId))
        {
            preconditions.Require(Record.Signatories.Any(s => s.SignatoryId == request.SignatoryId), "signatory_id", "is not a signatory of the convention");
        }

        preconditions.Require(Record.AoMeasures.All(m => m.MeasureId != request.MeasureId || string.IsNullOrEmpty(request.MeasureId)),
            "measure_id", "is already used");
        preconditions.ThrowIfAnyAsPrecondition("The AO measure does not fit the convention.");

        var measure = new AoMeasure
        {
            MeasureId = string.IsNullOrEmpty(request.MeasureId) ? FrenchCodes.NewId("aom") : request.MeasureId,
            ConventionId = Record.ConventionId,
            Kind = request.Kind,
            InPlaceFrom = inPlaceFrom.Value.ToProto(),
            SignatoryId = request.SignatoryId ?? string.Empty,
            Description = request.Description ?? string.Empty,
        };
        measure.CommuneInseeCodes.AddRange(request.CommuneInseeCodes);
        Record.AoMeasures.Add(measure);
        _changes.Add("ao-measure-declared");
        return measure.Clone();
    }

    private static CompetenceScope ValidateScope(Violations validation, CompetenceScope? scope)
    {
        if (scope is null)
        {
            validation.Add("scope", "is required");
            return new CompetenceScope();
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

    private static void CheckScopeFitsConvention(Violations preconditions, CompetenceScope scope, ConventionSnapshot snapshot, DateOnly effectiveOn)
    {
        preconditions.Require(snapshot.Fields.Contains(scope.Field), "scope.field",
            $"{scope.Field} is not a field of intervention of the convention on {effectiveOn:yyyy-MM-dd}");
        preconditions.Require(scope.AoCompetence == AoCompetence.Unspecified || effectiveOn >= CompetenceResolver.AoRegimeStart, "scope.ao_competence",
            "communes are autorités organisatrices from 1 January 2025 only");
        preconditions.Require(effectiveOn >= snapshot.Start && effectiveOn <= snapshot.End, "effective_on",
            $"is outside the period of the convention ({snapshot.Start:yyyy-MM-dd} to {snapshot.End:yyyy-MM-dd})");
    }

    private static string? AoName(CompetenceScope scope) => scope.AoCompetence == AoCompetence.Unspecified ? null : scope.AoCompetence.ToString();

    private static string Describe(CompetenceScope scope) =>
        scope.AoCompetence == AoCompetence.Unspecified ? $"field {scope.Field}" : $"AO competence {scope.AoCompetence}";
}
