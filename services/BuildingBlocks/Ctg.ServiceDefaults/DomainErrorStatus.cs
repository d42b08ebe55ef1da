using Ctg.Domain;
using Google.Rpc;
using Grpc.Core;

namespace Ctg.ServiceDefaults;

/// <summary>How a client sees each domain error: one status code per kind, the error's message as the
/// status message, its violations as google.rpc.BadRequest field violations (the same shape
/// <see cref="RpcErrors"/> builds, so clients cannot tell where the refusal was raised).</summary>
public static class DomainErrorStatus
{
    public static Code CodeOf(DomainError error) => error switch
    {
        NotFoundError => Code.NotFound,
        ConflictError => Code.Aborted,
        AlreadyExistsError => Code.AlreadyExists,
        RuleViolationError => Code.InvalidArgument,
        PreconditionFailedError => Code.FailedPrecondition,
        UpstreamUnavailableError => Code.Unavailable,
        AccessDeniedError => Code.PermissionDenied,
        LimitExceededError => Code.ResourceExhausted,
        _ => Code.Internal,
    };

    public static RpcException ToRpcException(DomainError error) =>
        RpcErrors.WithViolations(CodeOf(error), error.Message, error.Violations.Select(v => (v.Field, v.Description)));

    /// <summary>The audit outcome of a refusal that arrived as a status rather than a domain error
    /// (endpoint-level validation, code not yet moved to domain errors).</summary>
    public static string KindOf(StatusCode code) => code switch
    {
        StatusCode.NotFound => "not_found",
        StatusCode.Aborted => "conflict",
        StatusCode.AlreadyExists => "already_exists",
        StatusCode.InvalidArgument => "rule_violation",
        StatusCode.FailedPrecondition => "precondition_failed",
        StatusCode.Unavailable => "upstream_unavailable",
        StatusCode.PermissionDenied or StatusCode.Unauthenticated => "access_denied",
        StatusCode.ResourceExhausted => "limit_exceeded",
        _ => "failed",
    };
}
