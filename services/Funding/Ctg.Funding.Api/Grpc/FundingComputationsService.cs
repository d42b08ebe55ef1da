using Ctg.Funding.Api.Allocation;
using Ctg.Funding.Api.Inputs;
using Ctg.Funding.Api.Mapping;
using Ctg.Funding.Api.Persistence;
using Ctg.Funding.Engine;
using Ctg.Funding.Engine.Payments;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.Structures.V1;
using Grpc.Core;
using Ctg.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Funding.Api.Grpc;

/// <summary>One structure's funding: compute (read inputs, engine, record, schedule payments), history, payments.</summary>
public sealed class FundingComputationsService(StructureInputReader reader, FundingEngine engine, FundingStore store)
    : FundingComputations.FundingComputationsBase
{
    [Authorize(Policy = CtgPolicies.FundingCompute)]
    public override async Task<StructureFundingResult> ComputeStructure(ComputeStructureRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var inputs = await reader.ReadAsync(request, declarationRequired: true, ct);
        var result = StructureCalculator.Calculate(inputs, request, inputs.Declaration!.Figures ?? new ActivityFigures(), "declaration.figures.", engine);
        result.ComputationId = "fc-" + Guid.NewGuid().ToString("N");
        result.Payments.AddRange(await SchedulePaymentsAsync(result, inputs.Declaration, ct));
        await store.SaveComputationAsync(result, ct);
        return result;
    }

    [Authorize(Policy = CtgPolicies.FundingRead)]
    public override async Task<FundingHistory> GetFundingHistory(GetFundingHistoryRequest request, ServerCallContext context)
    {
        new Validation().Require(!string.IsNullOrWhiteSpace(request.StructureId), "structure_id", "must not be empty").ThrowIfInvalid();
        return await store.HistoryAsync(request.StructureId, request.Year, context.CancellationToken);
    }

    [Authorize(Policy = CtgPolicies.FundingRead)]
    public override async Task<V1.PaymentSchedule> GetPaymentSchedule(GetPaymentScheduleRequest request, ServerCallContext context)
    {
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.StructureId), "structure_id", "must not be empty")
            .Require(request.Year is >= 2000 and <= 2100, "year", "must be between 2000 and 2100")
            .ThrowIfInvalid();
        var ct = context.CancellationToken;
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

    /// <summary>
    /// Advances on a prévisionnel, balance or indu on a réel (funding-rules.md §5). A partial total (a line
    /// not computable) schedules nothing: paying on it would treat a missing parameter as zero.
    /// </summary>
    private async Task<IEnumerable<PaymentLine>> SchedulePaymentsAsync(StructureFundingResult result, Declaration declaration, CancellationToken ct)
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
                DueOn = Decimals.Date(a.Date!.Value),
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

        var dueOn = Decimals.ToDateOnly(declaration.ReceivedOn) ?? DateOnly.FromDateTime(DateTime.UtcNow);
        return
        [
            new PaymentLine
            {
                Kind = balance.Cents < 0 ? PaymentKind.Indu : PaymentKind.Balance,
                Sequence = 1,
                DueOn = Decimals.Date(dueOn),
                Amount = Decimals.Money(Math.Abs(balance.Cents)),
                ComputationId = result.ComputationId,
                Explanation = ExplanationMapper.ToProto(balance.Explanation!),
            },
        ];
    }
}
