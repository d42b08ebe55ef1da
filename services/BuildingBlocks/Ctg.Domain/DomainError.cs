namespace Ctg.Domain;

/// <summary>An intended refusal of a command or query, raised below the endpoint layer. The edge maps
/// each kind to one status code; <see cref="Kind"/> is also the outcome the audit log records.</summary>
public abstract class DomainError : Exception
{
    protected DomainError(string message, IEnumerable<FieldViolation>? violations = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Violations = violations?.ToArray() ?? [];
    }

    /// <summary>Stable snake_case name of the refusal (<c>not_found</c>, <c>rule_violation</c>…).</summary>
    public abstract string Kind { get; }

    /// <summary>The fields at fault, in the order they were found; empty when no field is to blame.</summary>
    public IReadOnlyList<FieldViolation> Violations { get; }
}

/// <summary>The thing named does not exist (or the caller may not know it exists).</summary>
public sealed class NotFoundError(string message) : DomainError(message)
{
    public override string Kind => "not_found";
}

/// <summary>The caller changed a stale version: someone else changed it first; re-read and retry.</summary>
public sealed class ConflictError(string message) : DomainError(message)
{
    public override string Kind => "conflict";
}

/// <summary>What the caller wants to create exists already (or its client request id was used for another request).</summary>
public sealed class AlreadyExistsError(string message, IEnumerable<FieldViolation> violations) : DomainError(message, violations)
{
    public AlreadyExistsError(string message, params FieldViolation[] violations)
        : this(message, (IEnumerable<FieldViolation>)violations)
    {
    }

    public override string Kind => "already_exists";
}

/// <summary>The input breaks a rule whatever the state of the system: several fields may be at fault at once.</summary>
public sealed class RuleViolationError(string message, IEnumerable<FieldViolation> violations) : DomainError(message, violations)
{
    public RuleViolationError(string message, params FieldViolation[] violations)
        : this(message, (IEnumerable<FieldViolation>)violations)
    {
    }

    public override string Kind => "rule_violation";
}

/// <summary>The input is well formed but the current state forbids it (a signed convention cannot be
/// re-drafted): the caller must change the state first, retrying as is will not help.</summary>
public sealed class PreconditionFailedError(string message, IEnumerable<FieldViolation> violations) : DomainError(message, violations)
{
    public PreconditionFailedError(string message, params FieldViolation[] violations)
        : this(message, (IEnumerable<FieldViolation>)violations)
    {
    }

    public override string Kind => "precondition_failed";
}

/// <summary>Another service or system this one depends on did not answer; retrying later may succeed.</summary>
public sealed class UpstreamUnavailableError(string message, Exception? innerException = null) : DomainError(message, null, innerException)
{
    public override string Kind => "upstream_unavailable";
}

/// <summary>The caller is known but this action is not theirs to take (four-eyes rule, another CAF's convention).</summary>
public sealed class AccessDeniedError(string message) : DomainError(message)
{
    public override string Kind => "access_denied";
}

/// <summary>The request asks for more than the service accepts at once (an import larger than its size limit):
/// nothing was done; the caller must send less, retrying as is will not help.</summary>
public sealed class LimitExceededError(string message) : DomainError(message)
{
    public override string Kind => "limit_exceeded";
}
