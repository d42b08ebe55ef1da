using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace Ctg.Application.Audit;

/// <summary>Appends audit records inside the caller's transaction (the only statements the log ever
/// receives are these INSERTs; the database refuses UPDATE and DELETE).</summary>
public sealed class AuditWriter
{
    public async Task AppendAsync(DbTransaction transaction, AuditEntry entry, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_log (audit_id, occurred_at, subject, display_name, roles, client_id, command, target_ids, request_sha256, outcome, detail)
            VALUES (@AuditId, @OccurredAt, @Subject, @DisplayName, @Roles, @ClientId, @Command, @TargetIds, @RequestSha256, @Outcome, @Detail)
            """,
            new
            {
                entry.AuditId,
                OccurredAt = AuditEntry.FormatInstant(entry.OccurredAt),
                entry.Subject,
                entry.DisplayName,
                Roles = string.Join(' ', entry.Roles),
                entry.ClientId,
                entry.Command,
                TargetIds = JsonSerializer.Serialize(entry.TargetIds),
                entry.RequestSha256,
                entry.Outcome,
                entry.Detail,
            },
            transaction,
            cancellationToken: cancellationToken));

        if (entry.TargetIds.Count > 0)
        {
            // The sequence is read back through the unique audit_id: portable across dialects.
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO audit_log_targets (target_id, sequence) SELECT @TargetId, sequence FROM audit_log WHERE audit_id = @AuditId",
                entry.TargetIds.Distinct(StringComparer.Ordinal).Select(id => new { TargetId = id, entry.AuditId }).ToArray(),
                transaction,
                cancellationToken: cancellationToken));
        }
    }
}
