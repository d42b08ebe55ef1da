using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ctg.Data;
using Ctg.Reporting.Rebuild;
using Ctg.Reporting.Shared;
using Ctg.Reporting.V1;
using Dapper;

namespace Ctg.Reporting.Rebuild;

/// <summary>Counts and a digest of the read models: what tests and operators compare to tell that a
/// rebuilt (or restarted) read model equals the live one.</summary>
public sealed class ReadModelStatsReader(IDbConnectionFactory connections)
{
    public async Task<ReadModelStats> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // One snapshot for counts and digest, so that events applied meanwhile do not mix in.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        var stats = new ReadModelStats();
        var applied = await connection.QueryAsync<(string Topic, long Applied)>(new CommandDefinition(
            "SELECT topic, applied FROM rm_applied_events ORDER BY topic", transaction: transaction, cancellationToken: cancellationToken));
        stats.Applied.AddRange(applied.Select(a => new TopicCount { Topic = a.Topic, Applied = a.Applied }));

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (table, orderBy) in ReadModelCatalog.Tables)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // The sequence column is bookkeeping, not content: leave it out of the digest.
            command.CommandText = $"SELECT * FROM {table} ORDER BY {orderBy}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            long rows = 0;
            var line = new StringBuilder();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows++;
                line.Clear().Append(table);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.GetName(i) == "source_sequence")
                    {
                        continue;
                    }

                    line.Append('|').Append(Canonical(reader.IsDBNull(i) ? null : reader.GetValue(i)));
                }

                sha.AppendData(Encoding.UTF8.GetBytes(line.Append('\n').ToString()));
            }

            stats.Tables.Add(new TableCount { Table = table, Rows = rows });
        }

        await transaction.CommitAsync(cancellationToken);
        stats.Digest = Convert.ToHexStringLower(sha.GetHashAndReset());
        return stats;
    }

    private static string Canonical(object? value) => value switch
    {
        null => "∅",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
