using Microsoft.AspNetCore.Authorization;
using Ctg.Reporting.Csv;
using Ctg.Reporting.Queries;
using Ctg.Reporting.Rebuild;
using Ctg.Reporting.V1;
using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Grpc.Core;

namespace Ctg.Reporting;

/// <summary>The gRPC face of the read models. Queries only read the reporting database.</summary>
public sealed class ReportingService(
    FundingQueries funding,
    StructureQueries structures,
    AoComplianceQueries compliance,
    ActionPlanQueries actionPlans,
    CsvExports exports,
    ReadModelRebuilder rebuilder,
    ReadModelStatsReader stats) : V1.Reporting.ReportingBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task<AllocationSummary> GetAllocationSummary(GetAllocationSummaryRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        ReportingRequests.RequireConvention(validation, request.ConventionId);
        ReportingRequests.RequireYear(validation, request.Year);
        validation.ThrowIfInvalid();
        return await funding.AllocationSummaryAsync(request.ConventionId, request.Year, context.CancellationToken)
            ?? throw new NotFoundError($"No funding run of convention {request.ConventionId} for {request.Year} was received.");
    }

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task<StructureFunding> GetStructureFunding(GetStructureFundingRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        validation.Require(!string.IsNullOrWhiteSpace(request.StructureId), "structure_id", "Required.");
        ReportingRequests.RequireYear(validation, request.Year);
        validation.ThrowIfInvalid();
        var structure = await structures.FindAsync(request.StructureId, context.CancellationToken);
        if (structure is null || Managers(context) is { } managers && !managers.Contains(structure.ManagerName.Trim().ToLowerInvariant(), StringComparer.Ordinal))
        {
            // Another manager's structure is answered as unknown: the answer does not say it exists.
            throw new NotFoundError($"Structure {request.StructureId} was never registered.");
        }

        return await funding.StructureFundingAsync(structure, request.Year, context.CancellationToken);
    }

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task<ListManagerStructuresResponse> ListManagerStructures(ListManagerStructuresRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        validation.Require(!string.IsNullOrWhiteSpace(request.ManagerName), "manager_name", "Required.");
        var pageSize = request.Page?.PageSize ?? 0;
        validation.Require(pageSize is >= 0 and <= MaxPageSize, "page.page_size", $"Must be between 0 and {MaxPageSize}.");
        validation.ThrowIfInvalid();

        var limit = pageSize == 0 ? DefaultPageSize : pageSize;
        // A structure manager lists the structures of the gestionnaires their token names, nobody else's.
        if (Managers(context) is { } managers && !managers.Contains(request.ManagerName.Trim().ToLowerInvariant(), StringComparer.Ordinal))
        {
            return new ListManagerStructuresResponse { Page = new Common.V1.PageResponse() };
        }

        // One row more than asked tells whether there is a next page.
        var (rows, total) = await structures.ByManagerAsync(request.ManagerName, request.Page?.PageToken ?? "", limit + 1, context.CancellationToken);
        var page = rows.Take(limit).ToList();
        var response = new ListManagerStructuresResponse
        {
            Page = new Common.V1.PageResponse
            {
                TotalSize = (int)total,
                // The token is the last structure id served: keyset paging stays stable while events arrive.
                NextPageToken = rows.Count > limit ? page[^1].StructureId : "",
            },
        };
        response.Structures.AddRange(page.Select(s => s.ToProto()));
        return response;
    }

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task<ListAoComplianceAlertsResponse> ListAoComplianceAlerts(ListAoComplianceAlertsRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        ReportingRequests.RequireConvention(validation, request.ConventionId);
        ReportingRequests.CheckDate(validation, request.AsOf, "as_of");
        validation.ThrowIfInvalid();
        return await compliance.AlertsAsync(request.ConventionId, ReportingRequests.AsOf(request.AsOf), context.CancellationToken);
    }

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task<ActionPlanProgress> GetActionPlanProgress(GetActionPlanProgressRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        ReportingRequests.RequireConvention(validation, request.ConventionId);
        validation.ThrowIfInvalid();
        return await actionPlans.ProgressAsync(request.ConventionId, context.CancellationToken);
    }

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override async Task ExportCsv(ExportCsvRequest request, IServerStreamWriter<CsvChunk> responseStream, ServerCallContext context)
    {
        ReportingRequests.Check(request);
        await exports.WriteAsync(request, responseStream, Managers(context), context.CancellationToken);
    }

    [Authorize(Policy = CtgPolicies.Administration)]
    public override async Task<RebuildReadModelResponse> RebuildReadModel(RebuildReadModelRequest request, ServerCallContext context)
    {
        if (request.ReadModel == ReadModel.Unspecified || !Enum.IsDefined(request.ReadModel))
        {
            throw RpcErrors.InvalidArgument("Choose the read model to rebuild.", ("read_model", "Required."));
        }

        var response = await rebuilder.RebuildAsync(request.ReadModel, context.CancellationToken);
        var failed = response.Sources.Where(s => !s.Completed).ToList();
        if (failed.Count > 0)
        {
            throw RpcErrors.Unavailable(
                $"The read model was wiped but not every source replayed: {string.Join("; ", failed.Select(f => $"{f.Service}: {f.Error} ({f.Replayed} replayed)"))}. Call RebuildReadModel again.");
        }

        return response;
    }

    /// <summary>The gestionnaires (lower case) a structure manager's token restricts them to; null for callers who see every structure.</summary>
    private static IReadOnlyList<string>? Managers(ServerCallContext context) =>
        context.GetCaller() is { IsRestrictedToGestionnaires: true } caller
            ? caller.Gestionnaires.Select(g => g.Trim().ToLowerInvariant()).ToArray()
            : null;

    [Authorize(Policy = CtgPolicies.ReportingRead)]
    public override Task<ReadModelStats> GetReadModelStats(GetReadModelStatsRequest request, ServerCallContext context) =>
        stats.ReadAsync(context.CancellationToken);
}
