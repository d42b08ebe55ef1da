using Ctg.Funding.Api.Allocation;
using Ctg.Funding.Api.Inputs;
using Ctg.Funding.Api.Parameters;
using Ctg.Funding.Api.Shared;
using Ctg.Funding.Engine;
using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Ctg.Structures.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Funding.Api.Simulation;

/// <summary>What-if computations with parameter and activity overrides. Reads the same inputs as the real
/// computations, writes nothing and publishes nothing.</summary>
public sealed class FundingSimulationService(
    StructureInputReader structureReader, AllocationInputReader allocationReader, AllocationCalculator calculator, ParametersInForce parameters,
    FundingAccess access, TimeProvider clock)
    : FundingSimulation.FundingSimulationBase
{
    public const string SimulationParameterSet = "simulation";

    [Authorize(Policy = CtgPolicies.FundingCompute)]
    public override async Task<SimulateResponse> Simulate(SimulateRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var simulated = WithOverrides(request, (await parameters.CurrentAsync(ct)).Engine);
        switch (request.TargetCase)
        {
            case SimulateRequest.TargetOneofCase.Structure:
                return new SimulateResponse { Structure = await SimulateStructureAsync(request, simulated, ct) };
            case SimulateRequest.TargetOneofCase.Allocation:
                await access.RequireConventionAsync(context.GetCaller(), request.Allocation.ConventionId, ct);
                return new SimulateResponse { Allocation = await SimulateAllocationAsync(request, simulated, ct) };
            default:
                throw RpcErrors.InvalidArgument("Say what to simulate.", ("target", "set structure or allocation"));
        }
    }

    private async Task<StructureFundingResult> SimulateStructureAsync(SimulateRequest request, FundingEngine simulated, CancellationToken ct)
    {
        var target = request.Structure;
        var validation = new Validation();
        ActivityFigures? figures = null;
        var figuresField = "declaration.figures.";
        for (var i = 0; i < request.ActivityOverrides.Count; i++)
        {
            var o = request.ActivityOverrides[i];
            if (o.StructureId != target.StructureId)
            {
                validation.Add($"activity_overrides[{i}].structure_id", "must be the simulated structure");
            }
            else if (o.Figures is null)
            {
                validation.Add($"activity_overrides[{i}].figures", "must be set to simulate a structure");
            }
            else
            {
                (figures, figuresField) = (o.Figures, $"activity_overrides[{i}].figures.");
            }
        }

        validation.ThrowIfInvalid();
        var inputs = await structureReader.ReadAsync(target, declarationRequired: figures is null, ct);
        var result = StructureCalculator.Calculate(inputs, target, figures ?? inputs.Declaration!.Figures ?? new ActivityFigures(), figuresField, simulated, Decimals.Timestamp(clock));
        result.Simulated = true;
        return result;
    }

    private async Task<AllocationRun> SimulateAllocationAsync(SimulateRequest request, FundingEngine simulated, CancellationToken ct)
    {
        var validation = new Validation();
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < request.ActivityOverrides.Count; i++)
        {
            var o = request.ActivityOverrides[i];
            if (!Decimals.TryParse(o.ActivityUnits, out var value))
            {
                validation.Add($"activity_overrides[{i}].activity_units", "must be a decimal number with '.' as separator");
            }
            else if (value < 0m)
            {
                validation.Add($"activity_overrides[{i}].activity_units", "must not be negative");
            }
            else if (!units.TryAdd(o.StructureId, Decimals.Format(value)))
            {
                validation.Add($"activity_overrides[{i}].structure_id", "overridden twice");
            }
        }

        validation.ThrowIfInvalid();
        var inputs = await allocationReader.ReadAsync(request.Allocation, units, ct);
        var known = inputs.Structures.Where(s => s.Eligible).Select(s => s.StructureId).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < request.ActivityOverrides.Count; i++)
        {
            validation.Require(known.Contains(request.ActivityOverrides[i].StructureId), $"activity_overrides[{i}].structure_id",
                "is not an eligible structure of the convention");
        }

        validation.ThrowIfInvalid();
        var run = calculator.Calculate(inputs, simulated, SimulationParameterSet);
        run.Status = RunStatus.Simulated;
        run.CreatedAt = Decimals.Timestamp(clock);
        run.RequestedBy = request.Allocation.RequestedBy;
        return run;
    }

    /// <summary>The engine with the caller's parameter overrides; every bad override is reported at once.</summary>
    private static FundingEngine WithOverrides(SimulateRequest request, FundingEngine engine)
    {
        var validation = new Validation();
        var overrides = new ParameterOverrides();
        var indexByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < request.ParameterOverrides.Count; i++)
        {
            var o = request.ParameterOverrides[i];
            var field = $"parameter_overrides[{i}]";
            if (string.IsNullOrWhiteSpace(o.Key))
            {
                validation.Add(field + ".key", "must not be empty");
                continue;
            }

            if (!indexByKey.TryAdd(o.Key, i))
            {
                validation.Add(field + ".key", $"'{o.Key}' is overridden twice");
                continue;
            }

            if (!engine.Parameters.Contains(o.Key))
            {
                validation.Add(field + ".key", $"unknown parameter key '{o.Key}'");
                continue;
            }

            if (o.Brackets.Count > 0)
            {
                var brackets = new List<Engine.Parameters.ScaleBracket>();
                for (var b = 0; b < o.Brackets.Count; b++)
                {
                    if (Decimals.TryParse(o.Brackets[b].Threshold, out var threshold) && Decimals.TryParse(o.Brackets[b].Amount, out var amount))
                        brackets.Add(new Engine.Parameters.ScaleBracket(threshold, amount));
                    else
                        validation.Add($"{field}.brackets[{b}]", "threshold and amount must be decimal numbers with '.' as separator");
                }

                overrides.SetScale(o.Key, brackets);
            }
            else if (Decimals.TryParse(o.Value, out var value))
            {
                overrides.Set(o.Key, value);
            }
            else
            {
                validation.Add(field + ".value", "must be a decimal number with '.' as separator");
            }
        }

        validation.ThrowIfInvalid();
        try
        {
            return engine.WithOverrides(overrides);
        }
        catch (UnknownParameterKeysException e)
        {
            throw RpcErrors.InvalidArgument("Unknown parameter keys in overrides.",
                e.UnknownKeys.Select(k => ($"parameter_overrides[{indexByKey[k]}].key", $"unknown parameter key '{k}'")).ToArray());
        }
        catch (InvalidParameterOverrideException e)
        {
            throw RpcErrors.InvalidArgument("Invalid parameter override.", ($"parameter_overrides[{indexByKey[e.Key]}]", e.Reason));
        }
    }
}
