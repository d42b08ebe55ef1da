using Ctg.Domain;
using Ctg.Funding.Api.Upstream;
using Ctg.ServiceDefaults;
using Grpc.Core;

namespace Ctg.Funding.Tests;

/// <summary>Each upstream status becomes the domain error, hence the status, funding's caller gets.</summary>
public sealed class UpstreamErrorsTests
{
    private static RpcException Upstream(StatusCode code, params (string Field, string Description)[] violations) =>
        violations.Length > 0
            ? RpcErrors.WithViolations((Google.Rpc.Code)(int)code, "upstream says no", violations)
            : new RpcException(new Status(code, "upstream says no"));

    [Theory]
    [InlineData(StatusCode.NotFound, typeof(NotFoundError))]
    [InlineData(StatusCode.InvalidArgument, typeof(RuleViolationError))]
    [InlineData(StatusCode.FailedPrecondition, typeof(PreconditionFailedError))]
    [InlineData(StatusCode.PermissionDenied, typeof(AccessDeniedError))]
    [InlineData(StatusCode.Unauthenticated, typeof(AccessDeniedError))]
    [InlineData(StatusCode.Unavailable, typeof(UpstreamUnavailableError))]
    [InlineData(StatusCode.DeadlineExceeded, typeof(UpstreamUnavailableError))]
    [InlineData(StatusCode.Internal, typeof(UpstreamUnavailableError))]
    [InlineData(StatusCode.Unknown, typeof(UpstreamUnavailableError))]
    [InlineData(StatusCode.Unimplemented, typeof(UpstreamUnavailableError))]
    [InlineData(StatusCode.ResourceExhausted, typeof(UpstreamUnavailableError))]
    public void Each_status_maps_to_its_domain_error(StatusCode code, Type expected)
    {
        var error = UpstreamErrors.Map("structures", Upstream(code));
        Assert.IsType(expected, error);
        Assert.Contains("structures", error.Message);
    }

    [Fact]
    public void Field_violations_pass_through()
    {
        var error = UpstreamErrors.Map("structures", Upstream(StatusCode.InvalidArgument, ("year", "must be between 2000 and 2100")));
        var violation = Assert.Single(error.Violations);
        Assert.Equal(("year", "must be between 2000 and 2100"), (violation.Field, violation.Description));
        Assert.Equal(Google.Rpc.Code.InvalidArgument, DomainErrorStatus.CodeOf(error));
    }

    [Fact]
    public void Not_found_is_worded_by_the_caller()
    {
        var error = UpstreamErrors.Map("structures", Upstream(StatusCode.NotFound), () => new NotFoundError("Structure 'x' is unknown."));
        Assert.Equal("Structure 'x' is unknown.", error.Message);
    }

    [Fact]
    public void An_internal_upstream_failure_is_unavailable_naming_the_service_and_code()
    {
        var error = UpstreamErrors.Map("signatories", Upstream(StatusCode.Internal));
        Assert.Equal(Google.Rpc.Code.Unavailable, DomainErrorStatus.CodeOf(error));
        Assert.Equal("The signatories service failed (Internal: upstream says no): nothing was computed or saved.", error.Message);
    }
}
