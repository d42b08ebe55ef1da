using Ctg.ServiceDefaults;
using Ctg.Signatories.DemoData;
using Ctg.Signatories.Domain;
using Ctg.Signatories.Persistence;
using Ctg.Signatories.V1;
using Grpc.Core;
using Ctg.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Signatories.Grpc;

/// <summary>Conventions: drafts, signatories and their deliberations, signing, avenants, termination.
/// Every answer is the convention as of the command's effective date or today.</summary>
public sealed class ConventionsService(ConventionStore store, DemoDataLoader demoData, TimeProvider clock) : Conventions.ConventionsBase
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override async Task<Convention> CreateConventionDraft(CreateConventionDraftRequest request, ServerCallContext context)
    {
        var aggregate = ConventionAggregate.CreateDraft(request);
        await store.CreateAsync(aggregate, context.CancellationToken);
        return View(aggregate, aggregate.NextVersion, null);
    }

    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<Convention> GetConvention(GetConventionRequest request, ServerCallContext context)
    {
        var asOf = Dates.AsOf(request.AsOf, clock);
        var aggregate = await store.GetAsync(request.ConventionId, context.CancellationToken);
        return aggregate.SnapshotAt(asOf).ToProto(aggregate.Version);
    }

    [Authorize(Policy = CtgPolicies.SignatoriesRead)]
    public override async Task<ListConventionsResponse> ListConventions(ListConventionsRequest request, ServerCallContext context)
    {
        var asOf = Dates.AsOf(request.AsOf, clock);
        var pageSize = request.Page?.PageSize ?? 0;
        var validation = new Validation();
        validation.Require(pageSize is >= 0 and <= MaxPageSize, "page.page_size", $"must be between 0 (default {DefaultPageSize}) and {MaxPageSize}.");
        ConventionListCursor? after = null;
        if (!string.IsNullOrEmpty(request.Page?.PageToken))
        {
            after = ConventionListCursor.Decode(request.Page.PageToken);
            validation.Require(after is not null, "page.page_token", "is not a token this service returned.");
        }

        validation.ThrowIfInvalid();
        if (pageSize == 0)
        {
            pageSize = DefaultPageSize;
        }

        // One more than asked tells whether another page follows.
        var rows = await store.ListAsync(request.CafDepartement, after, pageSize + 1, context.CancellationToken);
        var page = rows.Take(pageSize).ToList();
        var response = new ListConventionsResponse
        {
            Page = new Ctg.Common.V1.PageResponse
            {
                NextPageToken = rows.Count > pageSize
                    ? new ConventionListCursor(page[^1].Record.CafDepartement, page[^1].Record.ConventionId).Encode()
                    : string.Empty,
                TotalSize = await store.CountAsync(request.CafDepartement, context.CancellationToken),
            },
        };
        foreach (var aggregate in page)
        {
            response.Conventions.Add(aggregate.SnapshotAt(asOf).ToProto(aggregate.Version));
        }

        return response;
    }

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override async Task<Convention> AddSignatory(AddSignatoryRequest request, ServerCallContext context)
    {
        var aggregate = await store.ChangeAsync(request.ConventionId, request.ExpectedVersion,
            a => a.AddSignatory(request.Signatory ?? new Signatory()), context.CancellationToken);
        return View(aggregate, aggregate.NextVersion, null);
    }

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override async Task<Convention> RecordDeliberation(RecordDeliberationRequest request, ServerCallContext context)
    {
        var aggregate = await store.ChangeAsync(request.ConventionId, request.ExpectedVersion,
            a => a.RecordDeliberation(request.SignatoryId, request.Deliberation), context.CancellationToken);
        return View(aggregate, aggregate.NextVersion, null);
    }

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override async Task<Convention> SignConvention(SignConventionRequest request, ServerCallContext context)
    {
        var aggregate = await store.ChangeAsync(request.ConventionId, request.ExpectedVersion,
            a => a.Sign(request.SignatoryId, request.SignedOn), context.CancellationToken);
        return View(aggregate, aggregate.NextVersion, request.SignedOn.Stored());
    }

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override async Task<Convention> AmendConvention(AmendConventionRequest request, ServerCallContext context)
    {
        var aggregate = await store.ChangeAsync(request.ConventionId, request.ExpectedVersion,
            a => a.Amend(request.Amendment), context.CancellationToken);
        return View(aggregate, aggregate.NextVersion, request.Amendment.EffectiveOn.Stored());
    }

    [Authorize(Policy = CtgPolicies.SignatoriesWrite)]
    public override async Task<Convention> TerminateConvention(TerminateConventionRequest request, ServerCallContext context)
    {
        var aggregate = await store.ChangeAsync(request.ConventionId, request.ExpectedVersion,
            a => a.Terminate(request), context.CancellationToken);
        return View(aggregate, aggregate.NextVersion, aggregate.Record.Termination.EffectiveOn.Stored());
    }

    [Authorize(Policy = CtgPolicies.DevelopmentOnly)]
    public override async Task<LoadDemoDataResponse> LoadDemoData(LoadDemoDataRequest request, ServerCallContext context) =>
        await demoData.LoadAsync(context.CancellationToken);

    /// <summary>The convention after a command: as of the date the command is about when it has one
    /// (and it is later than today), otherwise as of today.</summary>
    private Convention View(ConventionAggregate aggregate, long version, DateOnly? commandDate)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var asOf = commandDate is { } date && date > today ? date : today;
        return aggregate.SnapshotAt(asOf).ToProto(version);
    }
}
