using System.Text;
using System.Text.Json;
using Ctg.Data;
using Dapper;

namespace Ctg.Application.Audit;

/// <summary>Reads the audit log, oldest first, filtered by target, subject and time range.</summary>
public sealed class AuditReader(IDbConnectionFactory connections)
{
    public async Task<(IReadOnlyList<AuditEntry> Entries, int Total)> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE 1 = 1");
        var parameters = new DynamicParameters();
        if (!string.IsNullOrEmpty(query.TargetId))
        {
            where.Append(" AND EXISTS (SELECT 1 FROM audit_log_targets t WHERE t.target_id = @TargetId AND t.sequence = a.sequence)");
            parameters.Add("TargetId", query.TargetId);
        }

        if (!string.IsNullOrEmpty(query.Subject))
        {
            where.Append(" AND a.subject = @Subject");
            parameters.Add("Subject", query.Subject);
        }

        if (query.From is { } from)
        {
            where.Append(" AND a.occurred_at >= @From");
            parameters.Add("From", AuditEntry.FormatInstant(from));
        }

        if (query.To is { } to)
        {
            where.Append(" AND a.occurred_at < @To");
            parameters.Add("To", AuditEntry.FormatInstant(to));
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM audit_log a {where}", parameters, cancellationToken: cancellationToken));

        parameters.Add("After", query.AfterSequence);
        parameters.Add("Limit", query.Limit);
        parameters.Add("Offset", 0);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT a.sequence AS Sequence, a.audit_id AS AuditId, a.occurred_at AS OccurredAt, a.subject AS Subject,
                   a.display_name AS DisplayName, a.roles AS Roles, a.client_id AS ClientId, a.command AS Command,
                   a.target_ids AS TargetIds, a.request_sha256 AS RequestSha256, a.outcome AS Outcome, a.detail AS Detail
            FROM audit_log a {where} AND a.sequence > @After
            ORDER BY a.sequence
            {connections.Syntax.LimitOffset("Limit", "Offset")}
            """,
            parameters,
            cancellationToken: cancellationToken));

        return (rows.Select(r => r.ToEntry()).ToArray(), (int)Math.Min(total, int.MaxValue));
    }

    private sealed class Row
    {
        public long Sequence { get; set; }
        public string AuditId { get; set; } = "";
        public string OccurredAt { get; set; } = "";
        public string Subject { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Roles { get; set; } = "";
        public string? ClientId { get; set; }
        public string Command { get; set; } = "";
        public string TargetIds { get; set; } = "[]";
        public string RequestSha256 { get; set; } = "";
        public string Outcome { get; set; } = "";
        public string? Detail { get; set; }

        public AuditEntry ToEntry() => new(
            AuditId,
            AuditEntry.ParseInstant(OccurredAt),
            Subject,
            DisplayName,
            Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            ClientId,
            Command,
            JsonSerializer.Deserialize<string[]>(TargetIds) ?? [],
            RequestSha256,
            Outcome,
            Detail)
        {
            Sequence = Sequence,
        };
    }
}
