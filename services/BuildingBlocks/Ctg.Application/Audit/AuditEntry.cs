using System.Globalization;

namespace Ctg.Application.Audit;

/// <summary>One row of the audit log as the pipeline writes it and the query reads it back.</summary>
public sealed record AuditEntry(
    string AuditId,
    DateTimeOffset OccurredAt,
    string Subject,
    string DisplayName,
    IReadOnlyList<string> Roles,
    string? ClientId,
    string Command,
    IReadOnlyList<string> TargetIds,
    string RequestSha256,
    string Outcome,
    string? Detail)
{
    public const string Succeeded = "succeeded";

    /// <summary>Position in the log, known once written (0 before).</summary>
    public long Sequence { get; init; }

    /// <summary>Stored instants have one fixed width in UTC, so text order is time order in every dialect.</summary>
    internal static string FormatInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
