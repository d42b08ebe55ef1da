using System.Data.Common;
using Ctg.Application.Commands;
using Ctg.Data;
using Ctg.Domain;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Shared;
using Dapper;

namespace Ctg.Signatories.Import;

/// <summary>
/// The rows of an import, in the command's transaction: for each convention its row at the final version, that
/// version in <c>convention_versions</c> with every change that led to it, its signatory ids, and its events
/// raised on the command context in their order. The lookups are batched (a few queries for a
/// thousand conventions) instead of one per convention.
/// </summary>
public sealed class ConventionImportStore
{
    // Well below the 2,100 parameters SQL Server takes in one statement.
    private const int LookupChunk = 500;

    /// <summary>The ids of <paramref name="conventionIds"/> that already exist, whatever their CAF.</summary>
    public async Task<HashSet<string>> ExistingConventionIdsAsync(ICommandContext ctx, IReadOnlyCollection<string> conventionIds)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in conventionIds.Distinct().Chunk(LookupChunk))
        {
            existing.UnionWith(await ctx.Connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT convention_id FROM conventions WHERE {SqlLists.In(ctx.Connection, "convention_id", "ids")}", new { ids = chunk }, ctx.Transaction, cancellationToken: ctx.CancellationToken)));
        }

        return existing;
    }

    /// <summary>Which convention already uses each of <paramref name="signatoryIds"/> that is taken.</summary>
    public async Task<Dictionary<string, string>> SignatoryOwnersAsync(ICommandContext ctx, IReadOnlyCollection<string> signatoryIds)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in signatoryIds.Distinct().Chunk(LookupChunk))
        {
            var rows = await ctx.Connection.QueryAsync<(string SignatoryId, string ConventionId)>(new CommandDefinition(
                $"SELECT signatory_id, convention_id FROM signatories WHERE {SqlLists.In(ctx.Connection, "signatory_id", "ids")}", new { ids = chunk }, ctx.Transaction, cancellationToken: ctx.CancellationToken));
            foreach (var (signatoryId, conventionId) in rows)
            {
                owners[signatoryId] = conventionId;
            }
        }

        return owners;
    }

    /// <summary>Writes the replayed conventions; returns the number of events raised.</summary>
    public async Task<int> InsertAsync(ICommandContext ctx, IReadOnlyList<ReplayedConvention> conventions)
    {
        var now = ctx.Now.ToString("O");
        var events = 0;
        var stored = conventions.Select(c => (Convention: c, Json: ConventionStore.Formatter.Format(c.Record))).ToList();
        try
        {
            await ctx.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO conventions (convention_id, caf_departement, name, version, record, created_at, updated_at)
                VALUES (@ConventionId, @CafDepartement, @Name, @Version, @Record, @Now, @Now)
                """,
                stored.Select(s => new
                {
                    s.Convention.Record.ConventionId, s.Convention.Record.CafDepartement, s.Convention.Record.Name, s.Convention.Version,
                    Record = s.Json, Now = now,
                }),
                ctx.Transaction, cancellationToken: ctx.CancellationToken));
            await ctx.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO signatories (signatory_id, convention_id) VALUES (@SignatoryId, @ConventionId)",
                conventions.SelectMany(c => c.SignatoryIds.Select(s => new { s.SignatoryId, c.Record.ConventionId })),
                ctx.Transaction, cancellationToken: ctx.CancellationToken));
            // One row per convention, at its final version, listing every change (as the demo data does): the
            // intermediate states were never committed on their own, and writing each (thirty thousand records for the
            // national set) made the national import about a quarter slower.
            await ctx.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO convention_versions (convention_id, version, change_kind, recorded_at, record)
                VALUES (@ConventionId, @Version, @ChangeKind, @Now, @Record)
                """,
                stored.Select(s => new
                {
                    s.Convention.Record.ConventionId, s.Convention.Version,
                    ChangeKind = string.Join(",", s.Convention.Versions.Select(v => v.ChangeKind)), Now = now, Record = s.Json,
                }),
                ctx.Transaction, cancellationToken: ctx.CancellationToken));
        }
        catch (DbException exception) when (UniqueViolation.Is(exception))
        {
            // A concurrent writer created one of these conventions or signatory ids after the checks.
            throw new AlreadyExistsError("A convention or signatory id of the import was taken concurrently: nothing was imported.",
                new FieldViolation("conventions", "an id was taken concurrently; retry the import"));
        }

        foreach (var convention in conventions)
        {
            ctx.AddTarget(convention.Record.ConventionId);
            foreach (var pending in convention.Events)
            {
                pending.Raise(ctx);
                events++;
            }
        }

        return events;
    }
}
