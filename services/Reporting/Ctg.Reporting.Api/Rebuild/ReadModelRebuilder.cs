using Ctg.Application.Commands;
using Ctg.Eventing;
using Ctg.Eventing.Subscriptions;
using Ctg.Reporting.Shared;
using Ctg.Reporting.V1;
using Dapper;

namespace Ctg.Reporting.Rebuild;

/// <summary>Rebuilds a read model from scratch in two steps. <see cref="WipeAsync"/> runs as a command of the
/// pipeline (audited, idempotent with a client request id): in the command's transaction it empties the
/// model's tables, its counters and the inbox entries of the topics that feed it (so that replayed events
/// apply again). <see cref="ReplayAsync"/> then, after the commit, asks each owning service to replay those
/// topics: the replayed events are applied by other transactions, which must see the wipe. Events delivered
/// live meanwhile are harmless: they are either wiped with the rest and replayed, or applied after the wipe
/// (and skipped when replayed).</summary>
public sealed class ReadModelRebuilder(Inbox inbox, ReplaySources sources, EventingSettings eventing)
{
    public async Task<RebuildReadModelResponse> WipeAsync(ICommandContext ctx, ReadModel model)
    {
        var (tables, topics) = ReadModelCatalog.Plan(model);
        foreach (var table in tables)
        {
            // Table names come from the catalog, never from the request.
            await ctx.Connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table}", transaction: ctx.Transaction, cancellationToken: ctx.CancellationToken));
        }

        foreach (var topic in topics)
        {
            await ctx.Connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM rm_applied_events WHERE topic = @Topic", new { Topic = topic }, ctx.Transaction, cancellationToken: ctx.CancellationToken));
            await inbox.ForgetAsync(ctx.Transaction, $"{eventing.ServiceName}:{topic}", ctx.CancellationToken);
        }

        ctx.AddTarget(model.ToString());
        var response = new RebuildReadModelResponse();
        response.TablesWiped.AddRange(tables);
        return response;
    }

    /// <summary>Asks the owners of the model's topics to replay them; returns the wipe's answer with what each source replayed.</summary>
    public async Task<RebuildReadModelResponse> ReplayAsync(ReadModel model, RebuildReadModelResponse wiped, CancellationToken cancellationToken)
    {
        var (_, topics) = ReadModelCatalog.Plan(model);
        var response = wiped.Clone();
        response.Sources.Clear();
        foreach (var group in topics.GroupBy(ReportingTopics.OwnerOf).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var source = new SourceReplay { Service = group.Key, Completed = true };
            source.Topics.AddRange(group);
            foreach (var topic in group)
            {
                var result = await sources.ReplayAsync(group.Key, topic, cancellationToken);
                source.Replayed += result.Replayed;
                if (!result.Completed)
                {
                    source.Completed = false;
                    source.Error = result.Error ?? $"The replay of {topic} did not complete.";
                    break;
                }
            }

            response.Sources.Add(source);
        }

        return response;
    }
}
