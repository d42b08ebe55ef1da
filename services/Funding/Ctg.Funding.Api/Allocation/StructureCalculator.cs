using Ctg.Funding.Api.Inputs;
using Ctg.Funding.Api.Shared;
using Ctg.Funding.Engine;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.Structures.V1;
using Google.Protobuf;

namespace Ctg.Funding.Api.Allocation;

/// <summary>One structure's prestation de service and bonuses from its figures, with the engine; no I/O.</summary>
public static class StructureCalculator
{
    /// <param name="figuresField">Where the figures came from, to name violations ("declaration.figures." or "activity_overrides[0].figures.").</param>
    /// <param name="computedAt">The result's timestamp, from the caller's clock: this class reads no time itself.</param>
    public static StructureFundingResult Calculate(StructureInputs inputs, ComputeStructureRequest request, ActivityFigures figures,
        string figuresField, FundingEngine engine, string computedAt)
    {
        var (input, violations) = StructureInputMapper.Map(inputs.Structure, request.Year, request.DeclarationVersion, figures, figuresField);
        if (input is null)
        {
            throw DomainErrors.Precondition(
                $"Structure '{inputs.Structure.StructureId}' is of kind {inputs.Structure.Details.Kind}, which has no prestation de service computed here.",
                ("structure_id", "kind without a prestation de service"));
        }

        foreach (var v in FundingEngine.Validate(input))
        {
            violations.Add((StructureInputMapper.FieldOf(v.Field, figuresField), v.Message));
        }

        if (violations.Count > 0)
        {
            throw DomainErrors.RuleViolation("The structure's figures cannot be computed.",
                violations.DistinctBy(v => v.Field + "|" + v.Description).ToArray());
        }

        var funding = engine.ComputeValidated(input);
        var result = new StructureFundingResult
        {
            StructureId = inputs.Structure.StructureId,
            StructureName = inputs.Structure.Details.Name,
            Kind = inputs.Structure.Details.Kind,
            ConventionId = inputs.Convention?.ConventionId ?? "",
            Year = request.Year,
            DeclarationVersion = request.DeclarationVersion,
            DeclarationRevision = inputs.Declaration?.Revision ?? 0,
            Total = Decimals.Money(funding.ComputableTotalCents),
            Complete = funding.IsComplete,
            ParameterSetHash = engine.Parameters.ContentHash,
            InputHash = CanonicalInputHash(inputs.Structure, figures, request),
            ComputedAt = computedAt,
        };
        result.Lines.AddRange(funding.Lines.Select(ExplanationMapper.ToLine));
        result.NotComputable.AddRange(funding.NotComputable.Select(ExplanationMapper.ToProto));
        return result;
    }

    /// <summary>The structure version as read (without its recording time), the figures and the request,
    /// each in its canonical protobuf encoding, hashed together.</summary>
    private static string CanonicalInputHash(Structure structure, ActivityFigures figures, ComputeStructureRequest request)
    {
        var snapshot = structure.Clone();
        snapshot.RecordedAt = "";
        var asked = request.Clone();
        asked.ClientRequestId = "";
        return InputHash.Of(snapshot.ToByteArray(), figures.ToByteArray(), asked.ToByteArray());
    }
}
