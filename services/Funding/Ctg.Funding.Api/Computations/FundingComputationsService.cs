using Ctg.Application.Commands;
using Ctg.Funding.Api.Allocation;
using Ctg.Funding.Api.Inputs;
using Ctg.Funding.Api.Parameters;
using Ctg.Funding.Api.Shared;
using Ctg.Funding.Engine;
using Ctg.Funding.Engine.Payments;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Ctg.Structures.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Funding.Api.Computations;

/// <summary>One structure's funding: compute (read inputs, engine, record, schedule payments), history, payments.</summary>
public sealed class FundingComputationsService(StructureInputReader reader, ParametersInForce parameters, FundingStore store, ICommandPipeline pipeline,
    FundingAccess access, TimeProvider clock)
    : FundingComputations.FundingComputationsBase
{
    [Authorize(Policy = CtgPolicies.FundingCompute)]
    public override async Task<StructureFundingResult> ComputeStructure(ComputeStructureRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var inputs = await reader.ReadAsync(request, declarationRequired: true, ct);
        var active = await parameters.CurrentAsync(ct);
        var result = StructureCalculator.Calculate(inputs, request, inputs.Declaration!.Figures ?? new ActivityFigures(), "declaration.figures.", active.Engine, Decimals.Timestamp(clock));
        result.ComputationId = "fc-" + Guid.NewGuid().ToString("N");
        result.ParameterSetNumber = active.Number;
        result.Payments.AddRange(await SchedulePaymentsAsync(result, inputs.Declaration, active.Engine, ct));
        // Every read happened above; the pipeline writes the computation, its events and the audit record at once.
        return await pipeline.ExecuteAsync(context, "funding.ComputeStructure", request, async ctx =>
        {
            await store.SaveComputationAsync(ctx, result);
            return result;
        }, request.ClientRequestId, request.StructureId);
    }

    [Authorize(Policy = CtgPolicies.FundingRead)]
    public override async Task<FundingHistory> GetFundingHistory(GetFundingHistoryRequest request, ServerCallContext context)
    {
        var validation = new Validation().Require(!string.IsNullOrWhiteSpace(request.StructureId), "structure_id", "must not be empty");
        var page = HistoryPage.Read(request.PageSize, request.PageToken, validation);
        validation.ThrowIfInvalid();
        await access.RequireStructureAsync(context.GetCaller(), request.StructureId, context.CancellationToken);
        return await store.HistoryAsync(request.StructureId, request.Year, page, context.CancellationToken);
    }

    [Authorize(Policy = CtgPolicies.FundingRead)]
    public override async Task<StructureFundingResult> GetComputation(GetComputationRequest request, ServerCallContext context)
    {
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.StructureId), "structure_id", "must not be empty")
            .Require(request.Year is >= 2000 and <= 2100, "year", "must be between 2000 and 2100")
            .ThrowIfInvalid();
        await access.RequireStructureAsync(context.GetCaller(), request.StructureId, context.CancellationToken);
        return await store.FindComputationAsync(request.StructureId, request.Year, request.ComputationId, context.CancellationToken)
            ?? throw new Ctg.Domain.NotFoundError(request.ComputationId.Length == 0
                ? $"Structure '{request.StructureId}' has no recorded computation for {request.Year}."
                : $"Computation '{request.ComputationId}' of structure '{request.StructureId}' for {request.Year} does not exist.");
    }

    [Authorize(Policy = CtgPolicies.FundingRead)]
    public override async Task<V1.PaymentSchedule> GetPaymentSchedule(GetPaymentScheduleRequest request, ServerCallContext context)
    {
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.StructureId), "structure_id", "must not be empty")
            .Require(request.Year is >= 2000 and <= 2100, "year", "must be between 2000 and 2100")
            .ThrowIfInvalid();
        var ct = context.CancellationToken;
        await access.RequireStructureAsync(context.GetCaller(), request.StructureId, ct);
        var previsionnel = await store.LatestComputationAsync(request.StructureId, request.Year, DeclarationVersion.Previsionnel, ct);
        var reel = await store.LatestComputationAsync(request.StructureId, request.Year, DeclarationVersion.Reel, ct);
        var schedule = new V1.PaymentSchedule
        {
            StructureId = request.StructureId,
            Year = request.Year,
            EntitlementPrevisionnel = previsionnel?.Total,
            EntitlementReel = reel?.Total,
            Settled = reel is not null && reel.Payments.Count > 0,
        };
        if (previsionnel is not null) schedule.Lines.AddRange(previsionnel.Payments);
        if (reel is not null) schedule.Lines.AddRange(reel.Payments);
        return schedule;
    }

    [Authorize(Policy = CtgPolicies.FundingCompute)]
    public override async Task<BonusTrajectoireResult> ComputeBonusTrajectoire(ComputeBonusTrajectoireRequest request, ServerCallContext context)
    {
        var validation = new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.TerritoryId), "territory_id", "must not be empty")
            .Require(request.Year is >= 2000 and <= 2100, "year", "must be between 2000 and 2100");
        decimal Places(string text, string field)
        {
            if (Decimals.TryParse(text, out var value)) return value;
            validation.Add(field, "must be a decimal number with '.' as separator");
            return 0m;
        }

        var input = new Engine.BonusTerritoire.BonusTrajectoireInput
        {
            TerritoryId = request.TerritoryId,
            Year = request.Year,
            BasePlaces = Places(request.BasePlaces, "base_places"),
            Places = Places(request.Places, "places"),
            EligiblePlaces = Places(request.EligiblePlaces, "eligible_places"),
        };
        validation.ThrowIfInvalid();
        foreach (var v in Engine.BonusTerritoire.BonusTrajectoireRule.Validate(input)) validation.Add(v.Field, v.Message);
        validation.ThrowIfInvalid();

        var active = await parameters.CurrentAsync(context.CancellationToken);
        var amount = active.Engine.ComputeBonusTrajectoire(input);
        return new BonusTrajectoireResult
        {
            TerritoryId = request.TerritoryId,
            Year = request.Year,
            Line = ExplanationMapper.ToLine(amount),
            Growth = Decimals.Format((input.Places - input.BasePlaces) / input.BasePlaces),
            ParameterSetHash = active.Engine.Parameters.ContentHash,
            ParameterSetNumber = active.Number,
        };
    }

    /// <summary>
    /// Advances on a prévisionnel, balance or indu on a réel (RULES.md §5). A partial total (a line
    /// not computable) schedules nothing: paying on it would treat a missing parameter as zero.
    /// </summary>
    private async Task<IEnumerable<PaymentLine>> SchedulePaymentsAsync(StructureFundingResult result, Declaration declaration, FundingEngine engine, CancellationToken ct)
    {
        if (!result.Complete || result.DeclarationVersion is not (DeclarationVersion.Previsionnel or DeclarationVersion.Reel))
        {
            return [];
        }

        if (result.DeclarationVersion == DeclarationVersion.Previsionnel)
        {
            var schedule = engine.SchedulePayments(new PaymentInput { StructureId = result.StructureId, Year = result.Year, PrevisionnelEntitlementCents = result.Total.Cents });
            return schedule.Advances.Where(a => a.Amount.IsComputable && a.Date is not null).Select(a => new PaymentLine
            {
                Kind = PaymentKind.Advance,
                Sequence = a.Number,
                DueOn = ProtoDates.ToProto(a.Date!.Value),
                Amount = Decimals.Money(a.Amount.Cents),
                ComputationId = result.ComputationId,
                Explanation = ExplanationMapper.ToProto(a.Amount.Explanation!),
            }).ToList();
        }

        // The advances actually scheduled are those of the latest complete prévisionnel computation; none means none were paid.
        var previsionnel = await store.LatestComputationAsync(result.StructureId, result.Year, DeclarationVersion.Previsionnel, ct);
        var settlement = engine.SchedulePayments(new PaymentInput
        {
            StructureId = result.StructureId,
            Year = result.Year,
            PrevisionnelEntitlementCents = previsionnel is { Complete: true, Payments.Count: > 0 } ? previsionnel.Total.Cents : 0,
            ReelEntitlementCents = result.Total.Cents,
        });
        if (settlement.Balance is not { IsComputable: true } balance)
        {
            return [];
        }

        var dueOn = UpstreamDates.Read(declaration.ReceivedOn, $"The declaration of structure '{declaration.StructureId}'", "a reception date", "received_on")
            ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return
        [
            new PaymentLine
            {
                Kind = balance.Cents < 0 ? PaymentKind.Indu : PaymentKind.Balance,
                Sequence = 1,
                DueOn = ProtoDates.ToProto(dueOn),
                Amount = Decimals.Money(Math.Abs(balance.Cents)),
                ComputationId = result.ComputationId,
                Explanation = ExplanationMapper.ToProto(balance.Explanation!),
            },
        ];
    }
}
