using Ctg.Application.Commands;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Ctg.Signatories.DemoData;
using Ctg.Signatories.Import;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Signatories.Conventions;

/// <summary>Conventions: drafts, signatories and their deliberations, signing, avenants, termination.
/// Every answer is the convention as of the command's effective date or today.</summary>
public sealed class ConventionsService(ConventionStore store, ICommandPipeline pipeline, DemoDataLoader demoData, ConventionImportHandler import, TimeProvider clock) : Ctg.Signatories.V1.Conventions.ConventionsBase
{
    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<Convention> CreateConventionDraft(CreateConventionDraftRequest request, ServerCallContext context) =>
        pipeline.ExecuteAsync(context, "signatories.CreateConventionDraft", request, async ctx =>
        {
            var aggregate = ConventionAggregate.CreateDraft(request.ToCommand());
            await store.CreateAsync(ctx, aggregate);
            return View(aggregate, aggregate.NextVersion, null);
        });

    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<Convention> GetConvention(GetConventionRequest request, ServerCallContext context)
    {
        var asOf = Dates.AsOf(request.AsOf, clock);
        var aggregate = await store.GetAsync(request.ConventionId, ConventionScope.Of(context.GetCaller()), context.CancellationToken);
        return aggregate.SnapshotAt(asOf).ToProto(aggregate.Version);
    }

    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<ListConventionsResponse> ListConventions(ListConventionsRequest request, ServerCallContext context)
    {
        var asOf = Dates.AsOf(request.AsOf, clock);
        var validation = new Validation();
        var page = Paging.Read(request.Page, validation);
        // The cursor is the sort key of the previous page's last row: CAF département, then convention id.
        (string CafDepartement, string ConventionId)? after = page.After is [var caf, var id] ? (caf, id) : null;
        validation.Require(page.After is null || after is not null, "page.page_token", Paging.PageTokenMessage);
        validation.ThrowIfInvalid();

        // Filtered in the query, so that a page holds only the caller's CAFs and the total counts only them.
        var scope = ConventionScope.Of(context.GetCaller());
        var rows = await store.ListAsync(request.CafDepartement, scope, after, page.Limit, context.CancellationToken);
        var total = await store.CountAsync(request.CafDepartement, scope, context.CancellationToken);
        var (items, pageResponse) = Paging.Cut(rows, page, a => [a.Record.CafDepartement, a.Record.ConventionId], total);
        var response = new ListConventionsResponse { Page = pageResponse };
        foreach (var aggregate in items)
        {
            response.Conventions.Add(aggregate.SnapshotAt(asOf).ToProto(aggregate.Version));
        }

        return response;
    }

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<Convention> AddSignatory(AddSignatoryRequest request, ServerCallContext context) =>
        pipeline.ExecuteAsync(context, "signatories.AddSignatory", request, async ctx =>
        {
            var aggregate = await store.ChangeAsync(ctx, request.ConventionId, request.ExpectedVersion, a => a.AddSignatory(request.ToCommand()));
            return View(aggregate, aggregate.NextVersion, null);
        });

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<Convention> RecordDeliberation(RecordDeliberationRequest request, ServerCallContext context) =>
        pipeline.ExecuteAsync(context, "signatories.RecordDeliberation", request, async ctx =>
        {
            var aggregate = await store.ChangeAsync(ctx, request.ConventionId, request.ExpectedVersion, a => a.RecordDeliberation(request.ToCommand()));
            return View(aggregate, aggregate.NextVersion, null);
        });

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<Convention> SignConvention(SignConventionRequest request, ServerCallContext context) =>
        pipeline.ExecuteAsync(context, "signatories.SignConvention", request, async ctx =>
        {
            var aggregate = await store.ChangeAsync(ctx, request.ConventionId, request.ExpectedVersion, a => a.Sign(request.ToCommand()));
            return View(aggregate, aggregate.NextVersion, request.SignedOn.Stored());
        });

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<Convention> AmendConvention(AmendConventionRequest request, ServerCallContext context) =>
        pipeline.ExecuteAsync(context, "signatories.AmendConvention", request, async ctx =>
        {
            var aggregate = await store.ChangeAsync(ctx, request.ConventionId, request.ExpectedVersion, a => a.Amend(request.ToCommand()));
            return View(aggregate, aggregate.NextVersion, request.Amendment.EffectiveOn.Stored());
        });

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<Convention> TerminateConvention(TerminateConventionRequest request, ServerCallContext context) =>
        pipeline.ExecuteAsync(context, "signatories.TerminateConvention", request, async ctx =>
        {
            var aggregate = await store.ChangeAsync(ctx, request.ConventionId, request.ExpectedVersion, a => a.Terminate(request.ToCommand()));
            return View(aggregate, aggregate.NextVersion, aggregate.Record.Termination.EffectiveOn.Stored());
        });

    [Authorize(Policy = CtgPolicies.DevelopmentOnly)]
    public override async Task<LoadDemoDataResponse> LoadDemoData(LoadDemoDataRequest request, ServerCallContext context) =>
        await demoData.LoadAsync(context.GetCaller(), context.CancellationToken);

    /// <summary>Many conventions in one command (one transaction, one audit record): see ConventionImportHandler.
    /// A dry run rolls back and is not audited; it ignores the client request id, so that it never stands for the import.</summary>
    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override Task<ImportConventionsResponse> ImportConventions(ImportConventionsRequest request, ServerCallContext context)
    {
        var command = request.ToCommand();
        var info = context.Command("signatories.ImportConventions", request) with
        {
            DryRun = request.DryRun,
            ClientRequestId = request.DryRun || request.ClientRequestId.Length == 0 ? null : request.ClientRequestId,
        };
        return pipeline.ExecuteIdempotentAsync(info,
            async ctx => (await import.HandleAsync(ctx, command, request.DryRun)).ToResponse(request.DryRun), context.CancellationToken);
    }

    /// <summary>The convention after a command: as of the date the command is about when it has one
    /// (and it is later than today), otherwise as of today.</summary>
    private Convention View(ConventionAggregate aggregate, long version, DateOnly? commandDate)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var asOf = commandDate is { } date && date > today ? date : today;
        return aggregate.SnapshotAt(asOf).ToProto(version);
    }
}
