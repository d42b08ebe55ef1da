using Ctg.Funding.Api.Inputs;
using Ctg.Funding.Api.Shared;
using Ctg.Funding.Engine;
using Ctg.Funding.Engine.BonusTerritoire;
using Ctg.Funding.Engine.Validation;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using EngineKind = Ctg.Funding.Engine.BonusTerritoire.BonusTerritoireKind;
using ProtoKind = Ctg.Funding.V1.BonusTerritoireKind;

namespace Ctg.Funding.Api.Allocation;

/// <summary>
/// Turns a frozen <see cref="AllocationInputs"/> snapshot into an <see cref="AllocationRun"/> with the
/// engine: the engine sees exactly the snapshot, so the input hash identifies what was computed.
/// Pure and I/O-free; persisting is the caller's business.
/// </summary>
public sealed class AllocationCalculator
{
    public AllocationRun Calculate(AllocationInputs inputs, FundingEngine engine, string parameterSetVersion, bool includeExplanations = true)
    {
        var request = new BonusTerritoireRequest
        {
            CtgId = inputs.ConventionId,
            Year = inputs.Year,
            DeclarationVersion = KindMapper.VersionName(inputs.DeclarationVersion),
            Structures = inputs.Structures.Select(ToEngine).ToArray(),
        };

        BonusTerritoireAllocation allocation;
        try
        {
            allocation = engine.AllocateBonusTerritoire(request);
        }
        catch (FundingInputException e)
        {
            throw DomainErrors.RuleViolation("The allocation inputs cannot be computed.",
                e.Violations.Select(v => (StructureField(v.Field, inputs), v.Message)).ToArray());
        }

        var names = inputs.Structures.ToDictionary(s => s.StructureId, s => s.Name, StringComparer.Ordinal);
        var collectivities = inputs.Collectivities.ToDictionary(c => c.SignatoryId, c => c.Name, StringComparer.Ordinal);
        var run = new AllocationRun
        {
            ConventionId = inputs.ConventionId,
            Year = inputs.Year,
            DeclarationVersion = inputs.DeclarationVersion,
            InputHash = InputHash.Of(inputs),
            ParameterSetHash = engine.Parameters.ContentHash,
            ParameterSetVersion = parameterSetVersion,
            TotalEnvelope = Decimals.Money(allocation.TotalEnvelopeCents),
            TotalPaid = Decimals.Money(allocation.TotalPaidCents),
            Inputs = inputs,
        };

        var missing = new HashSet<(string, string, int)>();
        foreach (var group in allocation.Groups)
        {
            var result = new GroupResult
            {
                CollectivityId = group.CollectivityId,
                CollectivityName = collectivities.GetValueOrDefault(group.CollectivityId, ""),
                Kind = KindMapper.ToProto(group.Kind),
                Envelope = Decimals.Money(group.EnvelopeCents),
                Paid = Decimals.Money(group.PaidCents),
                Difference = Decimals.Money(group.DifferenceToEnvelopeCents),
                ReferenceUnits = Decimals.Format(group.ReferenceUnits),
                UnitRate = Decimals.Format(group.UnitRateCents),
                StructureCount = group.StructureIds.Count,
                Explanation = includeExplanations ? ExplanationMapper.ToProto(group.UnitRateExplanation) : null,
            };
            result.Causes.AddRange(Causes(group));
            result.CauseAmounts.AddRange(CauseAmounts(group));
            result.Complete = group.NotComputable.Count == 0;
            run.Groups.Add(result);
            foreach (var m in group.NotComputable)
            {
                if (missing.Add((m.RuleId, m.ParameterKey, m.Year)))
                {
                    run.NotComputable.Add(ExplanationMapper.ToProto(m));
                }
            }
        }

        foreach (var s in allocation.Structures)
        {
            var line = new StructureAllocation
            {
                StructureId = s.StructureId,
                StructureName = names.GetValueOrDefault(s.StructureId, ""),
                CollectivityId = s.CollectivityId,
                Kind = KindMapper.ToProto(s.Kind),
                Amount = Decimals.Money(s.TotalCents),
                Base = Decimals.Money(s.BasePart.Cents),
                NewActivity = Decimals.Money(s.NewPart.IsComputable ? s.NewPart.Cents : 0),
                CejReference = Decimals.Money(s.ReferenceAmountCents),
                GainOrLoss = Decimals.Money(s.DifferenceToReferenceCents),
            };
            if (includeExplanations)
            {
                line.Explanation = Explain(s);
            }

            line.Complete = s.NewPart.IsComputable;
            if (!s.NewPart.IsComputable)
            {
                line.NotComputable.Add(ExplanationMapper.ToProto(s.NewPart.Missing!));
                if (missing.Add((s.NewPart.Missing!.RuleId, s.NewPart.Missing.ParameterKey, s.NewPart.Missing.Year)))
                {
                    run.NotComputable.Add(ExplanationMapper.ToProto(s.NewPart.Missing));
                }
            }

            run.Structures.Add(line);
        }

        run.ExcludedStructureIds.AddRange(allocation.Excluded.Select(e => e.StructureId));
        // A group is incomplete when one of its structures is: the group's paid amount is then partial too.
        var incomplete = run.Structures.Where(s => !s.Complete).Select(s => (s.CollectivityId, s.Kind)).ToHashSet();
        foreach (var g in run.Groups.Where(g => incomplete.Contains((g.CollectivityId, g.Kind)))) g.Complete = false;
        run.Complete = run.NotComputable.Count == 0;
        return run;
    }

    private static BonusTerritoireStructure ToEngine(AllocationInputStructure s) => new()
    {
        StructureId = s.StructureId,
        Kind = ToEngine(s.Kind),
        SupportingCollectivityId = s.SupportingCollectivityId,
        ReferenceAmountCents = s.ReferenceAmount?.Cents ?? 0,
        ReferenceUnits = Decimals.TryParse(s.ReferenceUnits, out var r) ? r : 0m,
        Units = Decimals.TryParse(s.ActivityUnits, out var u) ? u : 0m,
        SupportedBySignatoryWithCompetence = s.IneligibilityReason is not (AllocationInputReader.NotSupportedBySignatory or AllocationInputReader.CompetenceNotHeld),
        OpenDuringYear = s.IneligibilityReason != AllocationInputReader.NotOpenDuringYear,
        // Stratum 0 (no territory data) matches no bracket: the engine reports the new-place amount not computable, naming it.
        WealthStratum = s.WealthStratum,
        QpvOrZrr = s.QpvOrZrr,
    };

    private static EngineKind ToEngine(ProtoKind kind) => kind switch
    {
        ProtoKind.Eaje => EngineKind.Eaje,
        ProtoKind.Alsh => EngineKind.Alsh,
        ProtoKind.Jeunes => EngineKind.Jeunes,
        ProtoKind.Rpe => EngineKind.Rpe,
        ProtoKind.Laep => EngineKind.Laep,
        _ => EngineKind.NotEligible,
    };

    /// <summary>Why a group pays other than its envelope (RULES.md §4.6).</summary>
    private static IEnumerable<string> Causes(BonusTerritoireGroupResult g)
    {
        if (g.LowerActivityCents != 0m) yield return "lower_activity";
        if (g.NewActivityCents != 0) yield return "new_activity";
        if (g.RevaluationCents != 0m) yield return "revaluation";
        if (g.FloorEffectCents != 0m) yield return "floor";
        if (g.RoundingCents != 0m) yield return "rounding";
        if (g.NotComputable.Count > 0) yield return "not_computable";
        if (g.EqualActivityInvariantApplies && !g.EqualActivityInvariantHolds) yield return "invariant_violated";
    }

    /// <summary>The difference to the envelope by cause, in whole cents that add up exactly.</summary>
    private static IEnumerable<DifferenceCause> CauseAmounts(BonusTerritoireGroupResult g)
    {
        var lower = Engine.Results.Money.RoundCents(g.LowerActivityCents);
        var revaluation = Engine.Results.Money.RoundCents(g.RevaluationCents);
        var floor = Engine.Results.Money.RoundCents(g.FloorEffectCents);
        var rounding = g.DifferenceToEnvelopeCents - lower - revaluation - floor - g.NewActivityCents;
        foreach (var (cause, cents) in new[] { ("lower_activity", lower), ("new_activity", g.NewActivityCents), ("revaluation", revaluation), ("floor", floor), ("rounding", rounding) })
        {
            if (cents != 0)
            {
                yield return new DifferenceCause { Cause = cause, Amount = Decimals.Money(cents) };
            }
        }
    }

    private static V1.Explanation Explain(BonusTerritoireStructureResult s)
    {
        var explanation = new V1.Explanation
        {
            RuleId = "BONUS_TERRITOIRE",
            Formula = "amount = base part + new-activity part; gain or loss = amount − CEJ reference",
            ExactResult = Decimals.Format(s.TotalCents),
            ResultUnit = "cents",
        };
        explanation.Inputs.Add(new V1.ExplanationInput { Name = "u", Value = Decimals.Format(s.Units), Unit = "units" });
        explanation.Inputs.Add(new V1.ExplanationInput { Name = "ref_units", Value = Decimals.Format(s.ReferenceUnits), Unit = "units" });
        explanation.Inputs.Add(new V1.ExplanationInput { Name = "cej_reference", Value = Decimals.Format(s.ReferenceAmountCents), Unit = "cents" });
        if (s.BasePart.Explanation is { } b) explanation.Children.Add(ExplanationMapper.ToProto(b));
        if (s.NewPart.Explanation is { } n) explanation.Children.Add(ExplanationMapper.ToProto(n));
        return explanation;
    }

    /// <summary>Engine fields "structures[3].reference_units" named by structure id, as the snapshot lists them.</summary>
    private static string StructureField(string field, AllocationInputs inputs)
    {
        if (!field.StartsWith("structures[", StringComparison.Ordinal)) return field;
        var close = field.IndexOf(']', StringComparison.Ordinal);
        return int.TryParse(field.AsSpan(11, close - 11), out var index) && index < inputs.Structures.Count
            ? $"structures[{inputs.Structures[index].StructureId}]{field[(close + 1)..]}"
            : field;
    }
}
