using Ctg.Funding.Engine.BonusTerritoire;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Payments;
using Ctg.Funding.Engine.Results;
using Ctg.Funding.Engine.Rules;
using Ctg.Funding.Engine.Validation;

namespace Ctg.Funding.Engine;

/// <summary>
/// The entry point of the engine: pure functions of (inputs, parameter set). Thread-safe and
/// allocation-light; create one per parameter set (and one per simulation with overrides).
/// </summary>
public sealed class FundingEngine(ParameterSet parameters)
{
    public ParameterSet Parameters { get; } = parameters;

    /// <summary>An engine on the same parameters with the caller's overrides.</summary>
    /// <exception cref="UnknownParameterKeysException">An override names a key no parameter file defines.</exception>
    public FundingEngine WithOverrides(ParameterOverrides overrides) => new(Parameters.WithOverrides(overrides));

    /// <summary>Field violations of a structure input; empty when the input can be computed.</summary>
    public static IReadOnlyList<FieldViolation> Validate(StructureYearInput input) => InputValidator.Validate(input);

    /// <summary>The prestation de service and bonuses of one structure for a year and declaration version.</summary>
    /// <exception cref="FundingInputException">The input is invalid (see <see cref="Validate"/>).</exception>
    public StructureFunding Compute(StructureYearInput input)
    {
        var violations = InputValidator.Validate(input);
        if (violations.Count > 0) throw new FundingInputException(violations);
        return ComputeValidated(input);
    }

    /// <summary><see cref="Compute"/> without validation, for callers that validated already (batch runs).</summary>
    public StructureFunding ComputeValidated(StructureYearInput input)
    {
        var p = Parameters;
        Amount[] lines;
        switch (input)
        {
            case EajeInput e:
                lines = [PsuRules.Psu(e, p), PsuBonusRules.Mixite(e, p), PsuBonusRules.Handicap(e, p), PsuBonusRules.Attractivite(e, p)];
                break;
            case AlshInput a:
                var withComplement = a.AeehHours > 0m;
                var withMercredi = a.PlanMercrediLabelled && a.NewWednesdayHours > 0m;
                lines = new Amount[(a.Periscolaire is null ? 0 : 1) + (a.Extrascolaire is null ? 0 : 1) + (withComplement ? 1 : 0) + (withMercredi ? 1 : 0)];
                var n = 0;
                if (a.Periscolaire is { } peri) lines[n++] = PrestationRules.AlshPeriscolaire(a, peri, p);
                if (a.Extrascolaire is { } extra) lines[n++] = PrestationRules.AlshExtrascolaire(a, extra, p);
                if (withComplement) lines[n++] = PrestationRules.ComplementInclusif(a, p);
                if (withMercredi) lines[n] = PrestationRules.PlanMercredi(a, p);
                break;
            case JeunesInput j:
                lines = [PrestationRules.Jeunes(j, p)];
                break;
            case RpeInput r:
                lines = r.MissionsRenforcees ? [PrestationRules.Rpe(r, p), PrestationRules.MissionsRenforcees(r, p)] : [PrestationRules.Rpe(r, p)];
                break;
            case LaepInput l:
                lines = [PrestationRules.Laep(l, p)];
                break;
            default:
                throw new ArgumentException($"Unsupported structure input {input.GetType().Name}", nameof(input));
        }
        return new StructureFunding(input.StructureId, input.Year, input.DeclarationVersion, lines);
    }

    /// <summary>The bonus territoire CTG allocation of one CTG, year and declaration version (RULES.md §4).</summary>
    /// <exception cref="FundingInputException">Invalid structures (negative units, reference amount with zero reference units, duplicate ids).</exception>
    public BonusTerritoireAllocation AllocateBonusTerritoire(BonusTerritoireRequest request)
        => BonusTerritoireAllocator.Allocate(request, Parameters);

    /// <summary>The bonus trajectoire de développement of a territory (RULES.md §4, 2025+).</summary>
    public Amount ComputeBonusTrajectoire(BonusTrajectoireInput input) => BonusTrajectoireRule.Compute(input, Parameters);

    /// <summary>Advances on the prévisionnel and the balance (or indu) on the réel (RULES.md §5).</summary>
    public PaymentSchedule SchedulePayments(PaymentInput input) => PaymentRules.Schedule(input, Parameters);
}
