using Ctg.Application.Commands;
using Ctg.Funding.Api.Shared;
using Ctg.Funding.Api.Territory;
using Ctg.Funding.V1;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Funding.Api.Territory;

/// <summary>Territory data of communes (wealth stratum, QPV, ZRR) loaded by CSV (RULES.md §6.1).</summary>
public sealed class TerritoryDataService(TerritoryStore store, ICommandPipeline pipeline, TimeProvider clock) : TerritoryData.TerritoryDataBase
{
    [Authorize(Policy = CtgPolicies.Administration)]
    public override async Task<ImportTerritoryCsvResponse> ImportTerritoryCsv(ImportTerritoryCsvRequest request, ServerCallContext context)
    {
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.Csv), "csv", "must not be empty")
            .Require(!string.IsNullOrWhiteSpace(request.SourceNote), "source_note", "must say where the strata come from")
            .ThrowIfInvalid();
        var (rows, violations) = TerritoryCsv.Parse(request.Csv);
        if (violations.Count > 0)
        {
            throw RpcErrors.InvalidArgument($"The territory file has {violations.Count} error(s): nothing was imported.", violations.ToArray());
        }

        return await pipeline.ExecuteAsync(context, "funding.ImportTerritoryCsv", request, async ctx =>
        {
            await TerritoryStore.SaveAsync(ctx, rows, request.SourceNote.Trim(), ctx.Caller.Subject, Decimals.Timestamp(clock));
            return new ImportTerritoryCsvResponse { LinesImported = rows.Count };
        });
    }

    [Authorize(Policy = CtgPolicies.FundingRead)]
    public override async Task<CommuneTerritory> GetCommuneTerritory(GetCommuneTerritoryRequest request, ServerCallContext context)
    {
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.CommuneInsee), "commune_insee", "must not be empty")
            .Require(request.Year is >= 2000 and <= 2100, "year", "must be between 2000 and 2100")
            .ThrowIfInvalid();
        var found = await store.InForceAsync([request.CommuneInsee.Trim().ToUpperInvariant()], request.Year, context.CancellationToken);
        var t = found.Values.SingleOrDefault()
            ?? throw RpcErrors.NotFound($"No territory data for commune {request.CommuneInsee} in {request.Year}.");
        return new CommuneTerritory
        {
            CommuneInsee = t.CommuneInsee, FromYear = t.FromYear, Stratum = t.Stratum, Qpv = t.Qpv, Zrr = t.Zrr,
            SourceNote = t.SourceNote, LoadedBy = t.LoadedBy,
        };
    }
}
