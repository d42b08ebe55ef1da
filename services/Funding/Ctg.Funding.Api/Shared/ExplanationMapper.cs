using Ctg.Funding.Engine.Explanations;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Results;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;

namespace Ctg.Funding.Api.Shared;

/// <summary>The engine's explanation trees and results, as protobuf messages.</summary>
internal static class ExplanationMapper
{
    public static V1.Explanation ToProto(Engine.Explanations.Explanation e)
    {
        var proto = new V1.Explanation
        {
            RuleId = e.RuleId,
            Formula = e.Formula,
            ExactResult = Decimals.Format(e.ExactResult),
            ResultUnit = e.ResultUnit,
            Rounding = e.Rounding ?? "",
            Note = e.Note ?? "",
        };
        foreach (var input in e.Inputs)
        {
            proto.Inputs.Add(new V1.ExplanationInput { Name = input.Name, Value = Decimals.Format(input.Value), Unit = input.Unit });
        }

        foreach (var parameter in e.Parameters)
        {
            proto.Parameters.Add(ToProto(parameter));
        }

        foreach (var decision in e.Decisions)
        {
            proto.Decisions.Add(new Decision { Id = decision, Text = Decisions.Describe(decision) });
        }

        foreach (var child in e.Children)
        {
            proto.Children.Add(ToProto(child));
        }

        return proto;
    }

    public static ParameterValueUsed ToProto(ParameterValue value)
    {
        var proto = new ParameterValueUsed
        {
            Key = value.Key,
            EffectiveFrom = value.EffectiveFrom == DateOnly.MinValue ? null : ProtoDates.ToProto(value.EffectiveFrom),
            Value = value.Value is { } v ? Decimals.Format(v) : "",
            Unit = value.Unit.ToName(),
            ReferenceTitle = value.Reference.Title,
            ReferenceUrl = value.Reference.Url,
            Confidence = value.Tag.ToString(),
            Note = value.Note ?? "",
        };
        if (value.Brackets is not null)
        {
            foreach (var bracket in value.Brackets)
            {
                proto.Brackets.Add(new V1.ScaleBracket { Threshold = Decimals.Format(bracket.Threshold), Amount = Decimals.Format(bracket.Amount) });
            }
        }

        return proto;
    }

    public static V1.NotComputable ToProto(Engine.Results.NotComputable missing) =>
        new() { RuleId = missing.RuleId, ParameterKey = missing.ParameterKey, Year = missing.Year };

    public static FundingLine ToLine(Amount amount) => amount.IsComputable
        ? new FundingLine { RuleId = amount.RuleId, Computable = true, Amount = Decimals.Money(amount.Cents), Explanation = ToProto(amount.Explanation!) }
        : new FundingLine { RuleId = amount.RuleId, Computable = false, NotComputable = ToProto(amount.Missing!) };
}
