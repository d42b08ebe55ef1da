using Ctg.Audit.V1;
using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.ServiceDefaults.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Application.Audit;

/// <summary>ctg.audit.v1.AuditLog, the same in every service: reads that service's audit log.</summary>
public sealed class AuditLogService(AuditReader reader) : AuditLog.AuditLogBase
{
    // The range google.protobuf.Timestamp allows: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    [Authorize(Policy = CtgPolicies.AuditRead)]
    public override async Task<QueryAuditResponse> QueryAudit(QueryAuditRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var page = Paging.Read(request.Page, violations);
        var from = Instant(request.From, "from", violations);
        var to = Instant(request.To, "to", violations);
        violations.Require(from is null || to is null || from < to, "to", "must be after from");
        long after = 0;
        violations.Require(page.After is null || (page.AfterKey is { } key && long.TryParse(key, out after)), "page.page_token", Paging.PageTokenMessage);
        violations.ThrowIfAny();

        var (rows, total) = await reader.QueryAsync(
            new AuditQuery(NullIfEmpty(request.TargetId), NullIfEmpty(request.Subject), from, to, after, page.Limit), context.CancellationToken);
        var (items, pageResponse) = Paging.Cut(rows, page, r => [r.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)], total);
        var response = new QueryAuditResponse { Page = pageResponse };
        response.Records.AddRange(items.Select(ToProto));
        return response;
    }

    private static DateTimeOffset? Instant(Timestamp? timestamp, string field, Violations violations)
    {
        if (timestamp is null)
        {
            return null;
        }

        // Timestamp.ToDateTimeOffset throws on out-of-range seconds or nanos: a field violation instead.
        if (timestamp.Nanos is < 0 or > 999_999_999 || timestamp.Seconds is < MinSeconds or > MaxSeconds)
        {
            violations.Add(field, "is not a valid timestamp");
            return null;
        }

        return timestamp.ToDateTimeOffset();
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static AuditRecord ToProto(AuditEntry entry)
    {
        var record = new AuditRecord
        {
            Sequence = entry.Sequence,
            AuditId = entry.AuditId,
            OccurredAt = Timestamp.FromDateTimeOffset(entry.OccurredAt),
            Subject = entry.Subject,
            DisplayName = entry.DisplayName,
            ClientId = entry.ClientId ?? "",
            Command = entry.Command,
            RequestSha256 = entry.RequestSha256,
            Outcome = entry.Outcome,
            Detail = entry.Detail ?? "",
        };
        record.Roles.AddRange(entry.Roles);
        record.TargetIds.AddRange(entry.TargetIds);
        return record;
    }
}
