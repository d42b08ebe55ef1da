using Ctg.Data;
using Ctg.Eventing;
using Ctg.Reporting.Events;
using Ctg.Reporting.V1;
using Dapper;

namespace Ctg.Reporting.Rebuild;

/// <summary>Rebuilds a read model from scratch: in one transaction empties its tables, its counters and
/// the inbox entries of the topics that feed it (so that replayed events apply again), then asks each
/// owning service to replay those topics. Events delivered live meanwhile are harmless: they are
/// either wiped with the rest and replayed, or applied after the wipe (and skipped when replayed).</summary>
public sealed class ReadModelRebuilder(IDbConnectionFactory connections, Inbox inbox, ReplaySources sources, EventingSettings eventing)
{
    public async Task<RebuildReadModelResponse> RebuildAsync(ReadModel model, CancellationToken cancellationToken)
    {
        var (tables, topics) = ReadModelCatalog.Plan(model);
        await using (var connection = await connections.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var table in tables)
            {
                // Table names come from the catalog, never from the request.
                await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table}", transaction: transaction, cancellationToken: cancellationToken));
            }

            foreach (var topic in topics)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM rm_applied_events WHERE topic = @Topic", new { Topic = topic }, transaction, cancellationToken: cancellationToken));
                await inbox.ForgetAsync(transaction, $"{eventing.ServiceName}:{topic}", cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var response = new RebuildReadModelResponse();
        response.TablesWiped.AddRange(tables);
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
