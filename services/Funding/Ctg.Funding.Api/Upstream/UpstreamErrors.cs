using Ctg.Domain;
using Ctg.ServiceDefaults;
using Grpc.Core;

namespace Ctg.Funding.Api.Upstream;

/// <summary>
/// What an upstream refusal means for funding's own caller, as a domain error (the error interceptor gives
/// it its status). The upstream service judged the forwarded token and the ids the caller gave, so its
/// business answers pass through (NOT_FOUND, INVALID_ARGUMENT and FAILED_PRECONDITION with their field
/// violations, PERMISSION_DENIED); a failure of the service itself (transient or not, INTERNAL included)
/// is UNAVAILABLE naming the service: nothing was computed or saved, and the caller may try again later.
/// </summary>
public static class UpstreamErrors
{
    /// <summary>The domain error for <paramref name="e"/>; <paramref name="notFound"/> words NOT_FOUND in our terms.</summary>
    public static DomainError Map(string service, RpcException e, Func<NotFoundError>? notFound = null)
    {
        var violations = e.FieldViolations().Select(v => new FieldViolation(v.Field, v.Description)).ToArray();
        var detail = string.IsNullOrEmpty(e.Status.Detail) ? "" : $": {e.Status.Detail}";
        return e.StatusCode switch
        {
            StatusCode.NotFound => notFound?.Invoke() ?? new NotFoundError($"The {service} service found nothing{detail}"),
            StatusCode.InvalidArgument => new RuleViolationError($"The {service} service refused the request{detail}", violations),
            StatusCode.FailedPrecondition => new PreconditionFailedError($"The {service} service refused the request{detail}", violations),
            StatusCode.PermissionDenied or StatusCode.Unauthenticated =>
                new AccessDeniedError($"The {service} service refused the caller ({e.StatusCode}){detail}"),
            StatusCode.Unavailable or StatusCode.DeadlineExceeded =>
                new UpstreamUnavailableError($"The {service} service is unavailable ({e.StatusCode}): nothing was computed or saved.", e),
            _ => new UpstreamUnavailableError($"The {service} service failed ({e.StatusCode}{detail}): nothing was computed or saved.", e),
        };
    }
}
