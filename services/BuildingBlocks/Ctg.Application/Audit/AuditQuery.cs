namespace Ctg.Application.Audit;

/// <summary>Which records to read: every filter given must match; <see cref="AfterSequence"/> is the
/// position of the last record of the previous page.</summary>
public sealed record AuditQuery(
    string? TargetId = null,
    string? Subject = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long AfterSequence = 0,
    int Limit = 51);
