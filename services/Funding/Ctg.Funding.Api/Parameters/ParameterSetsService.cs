using System.Globalization;
using Ctg.Application.Commands;
using Ctg.Domain;
using Ctg.Funding.Api.Parameters;
using Ctg.Funding.Api.Shared;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Funding.Api.Parameters;

/// <summary>The barèmes as managed data: load, list, read and diff parameter sets (RULES.md §0).</summary>
public sealed class ParameterSetsService(ParameterSetStore store, ParametersInForce inForce, ShippedParameters shipped, ICommandPipeline pipeline,
    TimeProvider clock, ILogger<ParameterSetsService> logger)
    : ParameterSets.ParameterSetsBase
{
    [Authorize(Policy = CtgPolicies.Administration)]
    public override async Task<ParameterSetSummary> LoadParameterSet(LoadParameterSetRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var validation = new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.SourceNote), "source_note", "must say where the values come from");
        // Not set: in force from today. A calendar date must also fall within the years the barèmes cover.
        var effective = ProtoDates.Optional(validation, request.EffectiveFrom, "effective_from");
        if (effective is { Year: < 2000 or > 2100 })
        {
            validation.Add("effective_from", "must be a date between 2000 and 2100");
            effective = null;
        }

        validation.ThrowIfInvalid();
        var caller = context.GetCaller();
        var loaded = await pipeline.ExecuteAsync(context, "funding.LoadParameterSet", request, async ctx =>
        {
            var baseNumber = await ParameterSetStore.LatestNumberAsync(ctx);
            var baseFiles = baseNumber == 0 ? shipped.Files : await ParameterSetStore.FilesAsync(ctx, baseNumber);
            var merged = ParameterSetMerge.Merge(baseFiles, request.Files.Select(f => (f.Path, f.Yaml)).ToList(), request.ReplaceAll, shipped.Set);
            if (merged.Violations.Count > 0)
            {
                throw new RuleViolationError("The parameter set is invalid: nothing was loaded.", merged.Violations.Select(v => new FieldViolation(v.Field, v.Description)));
            }

            var baseSet = baseNumber == 0 ? shipped.Set : Engine.Parameters.Loading.ParameterLoader.LoadFromTexts(baseFiles);
            var stored = new StoredParameterSet(
                baseNumber + 1, baseNumber, ctx.Caller.Subject, ctx.Caller.DisplayName, request.SourceNote.Trim(), effective ?? inForce.Today,
                merged.Set!.ContentHash, Decimals.Timestamp(clock), merged.Set.Count,
                ParameterSetDiffer.Diff(baseSet, merged.Set).Select(d => d.Key).ToList());
            await ParameterSetStore.InsertAsync(ctx, stored, merged.Files);
            return Summary(stored, -1);
        });
        logger.LogInformation("Parameter set {Number} loaded by {Subject} ({Hash}, in force from {EffectiveFrom}): {Changed} keys changed",
            loaded.Number, caller.Subject, loaded.ContentHash, loaded.EffectiveFrom, loaded.ChangedKeys.Count);
        loaded.InForce = loaded.Number == await store.NumberInForceAsync(inForce.Today, ct);
        return loaded;
    }

    [Authorize(Policy = CtgPolicies.FundingRead)]
    public override async Task<ListParameterSetsResponse> ListParameterSets(ListParameterSetsRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var page = Paging.Read(request.Page, validation);
        var before = 0;
        validation.Require(page.After is null || (page.AfterKey is { } key && int.TryParse(key, CultureInfo.InvariantCulture, out before) && before > 0),
            "page.page_token", Paging.PageTokenMessage);
        validation.ThrowIfInvalid();

        var ct = context.CancellationToken;
        var inForceNumber = await store.NumberInForceAsync(inForce.Today, ct);
        // Sets by number, newest first; the shipped set is number 0, so it comes last on its own.
        var (stored, total) = await store.PageAsync(page.After is null ? null : before, page.Limit, ct);
        var rows = stored.Select(s => Summary(s, inForceNumber)).ToList();
        if (rows.Count < page.Limit)
        {
            rows.Add(ShippedSummary(inForceNumber));
        }

        var (items, pageResponse) = Paging.Cut(rows, page, s => [s.Number.ToString(CultureInfo.InvariantCulture)], total + 1);
        var response = new ListParameterSetsResponse { Page = pageResponse };
        response.Sets.AddRange(items);
        return response;
    }

    [Authorize(Policy = CtgPolicies.FundingRead)]
    public override async Task<ParameterSetContent> GetParameterSet(GetParameterSetRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var inForceNumber = await store.NumberInForceAsync(inForce.Today, ct);
        var number = request.InForce ? inForceNumber : request.Number;
        var content = new ParameterSetContent { Summary = await SummaryAsync(number, inForceNumber, "number", ct) };
        content.Files.AddRange((await inForce.FilesAsync(number, ct)).Select(f => new ParameterFile { Path = f.RelativePath, Yaml = f.Yaml }));
        return content;
    }

    [Authorize(Policy = CtgPolicies.FundingRead)]
    public override async Task<ParameterSetDiff> DiffParameterSets(DiffParameterSetsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var baseSet = await inForce.FindAsync(request.BaseNumber, ct) ?? throw RpcErrors.NotFound($"Parameter set {request.BaseNumber} is unknown.");
        var otherSet = await inForce.FindAsync(request.OtherNumber, ct) ?? throw RpcErrors.NotFound($"Parameter set {request.OtherNumber} is unknown.");
        var diff = new ParameterSetDiff
        {
            BaseNumber = request.BaseNumber,
            OtherNumber = request.OtherNumber,
            BaseHash = baseSet.Engine.Parameters.ContentHash,
            OtherHash = otherSet.Engine.Parameters.ContentHash,
        };
        diff.Differences.AddRange(ParameterSetDiffer.Diff(baseSet.Engine.Parameters, otherSet.Engine.Parameters));
        return diff;
    }

    private async Task<ParameterSetSummary> SummaryAsync(int number, int inForceNumber, string field, CancellationToken ct)
    {
        if (number < 0) throw RpcErrors.InvalidArgument("A parameter set number is 0 or more.", (field, "must not be negative"));
        if (number == 0) return ShippedSummary(inForceNumber);
        return Summary(await store.FindAsync(number, ct) ?? throw RpcErrors.NotFound($"Parameter set {number} is unknown."), inForceNumber);
    }

    private ParameterSetSummary ShippedSummary(int inForceNumber) => new()
    {
        Number = 0,
        AuthorSubject = "system",
        AuthorName = "fichiers livrés avec le service",
        SourceNote = shipped.Version,
        ContentHash = shipped.Set.ContentHash,
        ParameterCount = shipped.Set.Count,
        InForce = inForceNumber == 0,
    };

    private static ParameterSetSummary Summary(StoredParameterSet s, int inForceNumber)
    {
        var summary = new ParameterSetSummary
        {
            Number = s.Number,
            AuthorSubject = s.AuthorSubject,
            AuthorName = s.AuthorName,
            SourceNote = s.SourceNote,
            EffectiveFrom = ProtoDates.ToProto(s.EffectiveFrom),
            ContentHash = s.ContentHash,
            LoadedAt = s.LoadedAt,
            ParameterCount = s.ParameterCount,
            InForce = s.Number == inForceNumber,
        };
        summary.ChangedKeys.AddRange(s.ChangedKeys);
        return summary;
    }
}
