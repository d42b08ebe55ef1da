using Ctg.Application.Commands;
using Ctg.Domain;
using Ctg.Reporting.ActionPlans;
using Ctg.Reporting.AoCompliance;
using Ctg.Reporting.ConventionDocuments;
using Ctg.Reporting.Exports;
using Ctg.Reporting.Funding;
using Ctg.Reporting.Rebuild;
using Ctg.Reporting.Shared;
using Ctg.Reporting.StructureRegistry;
using Ctg.Reporting.V1;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Reporting.Endpoint;

/// <summary>The gRPC face of the read models. Queries only read the reporting database.</summary>
public sealed class ReportingService(
    FundingQueries funding,
    StructureQueries structures,
    AoComplianceQueries compliance,
    ActionPlanQueries actionPlans,
    CsvExports exports,
    ReadModelRebuilder rebuilder,
    ReadModelStatsReader stats,
    ConventionDocumentQueries documents,
    ICommandPipeline pipeline,
    TimeProvider clock) : V1.Reporting.ReportingBase
{
    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task<AllocationSummary> GetAllocationSummary(GetAllocationSummaryRequest request, ServerCallContext context)
    {
        var validation = new Violations();
        ReportingRequests.RequireConvention(validation, request.ConventionId);
        ReportingRequests.RequireYear(validation, request.Year);
        validation.ThrowIfAny();
        await documents.EnsureVisibleAsync(request.ConventionId, Scope(context), context.CancellationToken);
        return await funding.AllocationSummaryAsync(request.ConventionId, request.Year, context.CancellationToken)
            ?? throw new NotFoundError($"No funding run of convention {request.ConventionId} for {request.Year} was received.");
    }

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task<StructureFunding> GetStructureFunding(GetStructureFundingRequest request, ServerCallContext context)
    {
        var validation = new Violations();
        validation.Require(!string.IsNullOrWhiteSpace(request.StructureId), "structure_id", "Required.");
        ReportingRequests.RequireYear(validation, request.Year);
        validation.ThrowIfAny();
        var structure = await structures.FindAsync(request.StructureId, context.CancellationToken);
        var scope = Scope(context);
        if (structure is null || !scope.AllowsManager(structure.ManagerName)
            || (scope.Cafs is not null && !scope.AllowsCaf(await documents.CafOfAsync(structure.ConventionId, context.CancellationToken))))
        {
            // Another manager's structure is answered as unknown: the answer does not say it exists.
            throw new NotFoundError($"Structure {request.StructureId} was never registered.");
        }

        return await funding.StructureFundingAsync(structure, request.Year, context.CancellationToken);
    }

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task<ListManagerStructuresResponse> ListManagerStructures(ListManagerStructuresRequest request, ServerCallContext context)
    {
        var validation = new Violations();
        validation.Require(!string.IsNullOrWhiteSpace(request.ManagerName), "manager_name", "Required.");
        var page = Paging.Read(request.Page, validation);
        // The cursor is the last structure id served: keyset paging stays stable while events arrive.
        Paging.RequireOneKey(page, validation);
        validation.ThrowIfAny();

        // A structure manager lists the structures of the gestionnaires their token names, nobody else's;
        // a CAF's staff member those of their CAF's CTGs.
        var scope = Scope(context);
        if (!scope.AllowsManager(request.ManagerName))
        {
            return new ListManagerStructuresResponse { Page = new Common.V1.PageResponse() };
        }

        var (rows, total) = await structures.ByManagerAsync(request.ManagerName, scope.Cafs, page.AfterKey ?? "", page.Limit, context.CancellationToken);
        var (items, pageResponse) = Paging.Cut(rows, page, s => [s.StructureId], (int)total);
        var response = new ListManagerStructuresResponse { Page = pageResponse };
        response.Structures.AddRange(items.Select(s => s.ToProto()));
        return response;
    }

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task<ListAoComplianceAlertsResponse> ListAoComplianceAlerts(ListAoComplianceAlertsRequest request, ServerCallContext context)
    {
        var validation = new Violations();
        ReportingRequests.RequireConvention(validation, request.ConventionId);
        ReportingRequests.CheckDate(validation, request.AsOf, "as_of");
        var page = Paging.Read(request.Page, validation);
        Paging.RequireOneKey(page, validation);
        validation.ThrowIfAny();
        await documents.EnsureVisibleAsync(request.ConventionId, Scope(context), context.CancellationToken);
        var all = await compliance.AlertsAsync(request.ConventionId, ReportingRequests.AsOf(request.AsOf, clock), context.CancellationToken);
        return AoComplianceQueries.Page(all, page);
    }

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task<ActionPlanProgress> GetActionPlanProgress(GetActionPlanProgressRequest request, ServerCallContext context)
    {
        var validation = new Violations();
        ReportingRequests.RequireConvention(validation, request.ConventionId);
        validation.ThrowIfAny();
        var scope = Scope(context);
        await documents.EnsureVisibleAsync(request.ConventionId, scope, context.CancellationToken);
        ActionPlanDocument? plan = null;
        try
        {
            (plan, _) = await documents.DocumentAsync<ActionPlanDocument>(request.ConventionId, ConventionDocumentProjections.ActionPlan, scope, context.CancellationToken);
        }
        catch (NotFoundError)
        {
            // No plan published yet: the progress is what follow-ups recorded, if any.
        }

        return await actionPlans.ProgressAsync(request.ConventionId, plan, context.CancellationToken);
    }

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task ExportCsv(ExportCsvRequest request, IServerStreamWriter<CsvChunk> responseStream, ServerCallContext context)
    {
        ReportingRequests.Check(request);
        var scope = Scope(context);
        if (request.Report != CsvReport.ManagerStructures)
        {
            await documents.EnsureVisibleAsync(request.ConventionId, scope, context.CancellationToken);
        }

        await exports.WriteAsync(request, responseStream, scope, context.CancellationToken);
    }

    [Authorize(Policy = CtgPolicies.Administration)]
    public override async Task<RebuildReadModelResponse> RebuildReadModel(RebuildReadModelRequest request, ServerCallContext context)
    {
        if (request.ReadModel == ReadModel.Unspecified || !Enum.IsDefined(request.ReadModel))
        {
            throw new RuleViolationError("Choose the read model to rebuild.", new FieldViolation("read_model", "Required."));
        }

        // The wipe is the command: audited, and a retried client request id answers the first wipe without
        // wiping again. The replay follows the commit (the replayed events are applied by other transactions).
        var wiped = await pipeline.ExecuteAsync(context, "reporting.RebuildReadModel", request,
            ctx => rebuilder.WipeAsync(ctx, request.ReadModel), request.ClientRequestId, request.ReadModel.ToString());
        var response = await rebuilder.ReplayAsync(request.ReadModel, wiped, context.CancellationToken);
        var failed = response.Sources.Where(s => !s.Completed).ToList();
        if (failed.Count > 0)
        {
            throw new UpstreamUnavailableError(
                $"The read model was wiped but not every source replayed: {string.Join("; ", failed.Select(f => $"{f.Service}: {f.Error} ({f.Replayed} replayed)"))}. Call RebuildReadModel again.");
        }

        return response;
    }

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task<GovernanceCalendar> GetGovernanceCalendar(GetGovernanceCalendarRequest request, ServerCallContext context)
    {
        var validation = new Violations();
        ReportingRequests.RequireConvention(validation, request.ConventionId);
        ReportingRequests.CheckDate(validation, request.AsOf, "as_of");
        validation.ThrowIfAny();
        var (governance, version) = await documents.DocumentAsync<GovernanceDocument>(
            request.ConventionId, ConventionDocumentProjections.Governance, Scope(context), context.CancellationToken);
        return GovernanceCalendarBuilder.Build(governance, version, ReportingRequests.AsOf(request.AsOf, clock));
    }

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task<AnnexComparison> GetAnnexComparison(GetAnnexComparisonRequest request, ServerCallContext context)
    {
        var validation = new Violations();
        ReportingRequests.RequireConvention(validation, request.ConventionId);
        validation.ThrowIfAny();
        var (annexes, version) = await documents.DocumentAsync<AnnexesDocument>(
            request.ConventionId, ConventionDocumentProjections.Annexes, Scope(context), context.CancellationToken);
        return AnnexReports.Comparison(annexes, version, await documents.StructuresOfAsync(request.ConventionId, context.CancellationToken));
    }

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task<CoFinancingReport> GetCoFinancing(GetCoFinancingRequest request, ServerCallContext context)
    {
        var (annexes, scope, registry, computations) = await AnnexFiguresAsync(request.ConventionId, request.Year, context);
        return AnnexReports.CoFinancing(annexes, request.Year, scope, registry, computations);
    }

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task<FundingReconciliation> GetFundingReconciliation(GetFundingReconciliationRequest request, ServerCallContext context)
    {
        var (annexes, scope, registry, computations) = await AnnexFiguresAsync(request.ConventionId, request.Year, context);
        return AnnexReports.Reconciliation(annexes, request.Year, scope, registry, computations);
    }

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task<CopilReport> GetCopilReport(GetCopilReportRequest request, ServerCallContext context)
    {
        var validation = new Violations();
        ReportingRequests.RequireConvention(validation, request.ConventionId);
        ReportingRequests.CheckDate(validation, request.AsOf, "as_of");
        validation.ThrowIfAny();
        var scope = Scope(context);
        var (plan, _) = await documents.DocumentAsync<ActionPlanDocument>(request.ConventionId, ConventionDocumentProjections.ActionPlan, scope, context.CancellationToken);
        GovernanceCalendar? governance = null;
        try
        {
            var (document, version) = await documents.DocumentAsync<GovernanceDocument>(request.ConventionId, ConventionDocumentProjections.Governance, scope, context.CancellationToken);
            governance = GovernanceCalendarBuilder.Build(document, version, ReportingRequests.AsOf(request.AsOf, clock));
        }
        catch (NotFoundError)
        {
            // A CTG whose governance was never received: the report says nothing about it.
        }

        return CopilReportBuilder.Build(plan, governance);
    }

    /// <summary>The annexes of a CTG and year with the registry's structures and the engine's latest
    /// computation of each co-financed structure that year.</summary>
    private async Task<(AnnexesDocument Annexes, ReportingScope Scope, IReadOnlyDictionary<string, StructureRow> Registry, IReadOnlyDictionary<string, LatestComputationRow> Computations)>
        AnnexFiguresAsync(string conventionId, int year, ServerCallContext context)
    {
        var validation = new Violations();
        ReportingRequests.RequireConvention(validation, conventionId);
        validation.Require(year is >= 1900 and <= 2100, "year", "Must be between 1900 and 2100.");
        validation.ThrowIfAny();
        var scope = Scope(context);
        var (annexes, _) = await documents.DocumentAsync<AnnexesDocument>(conventionId, ConventionDocumentProjections.Annexes, scope, context.CancellationToken);
        var registry = await documents.StructuresOfAsync(conventionId, context.CancellationToken);
        var structureIds = (annexes.CoFinancing ?? []).Where(e => e.Year == year && !string.IsNullOrEmpty(e.StructureId))
            .Select(e => e.StructureId!).Distinct(StringComparer.Ordinal).ToList();
        return (annexes, scope, registry, await documents.LatestComputationsAsync(structureIds, year, context.CancellationToken));
    }

    /// <summary>What the caller may read, from their token: their gestionnaires' structures, their CAFs' CTGs.</summary>
    private static ReportingScope Scope(ServerCallContext context) => ReportingScope.Of(context.GetCaller());

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override Task<ReadModelStats> GetReadModelStats(GetReadModelStatsRequest request, ServerCallContext context) =>
        stats.ReadAsync(context.CancellationToken);
}
