using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Ctg.ServiceDefaults;

/// <summary>Builds the <see cref="RpcException"/>s services throw: an accurate status code and,
/// for bad input, a google.rpc.Status with BadRequest field violations in grpc-status-details-bin.</summary>
public static class RpcErrors
{
    public static RpcException InvalidArgument(string message, params (string Field, string Description)[] violations) =>
        WithViolations(Code.InvalidArgument, message, violations);

    public static RpcException FailedPrecondition(string message, params (string Field, string Description)[] violations) =>
        WithViolations(Code.FailedPrecondition, message, violations);

    public static RpcException NotFound(string message) => Plain(Code.NotFound, message);

    public static RpcException AlreadyExists(string message, params (string Field, string Description)[] violations) =>
        WithViolations(Code.AlreadyExists, message, violations);

    public static RpcException Aborted(string message) => Plain(Code.Aborted, message);

    public static RpcException Unavailable(string message) => Plain(Code.Unavailable, message);

    public static RpcException WithViolations(Code code, string message, IEnumerable<(string Field, string Description)> violations)
    {
        var badRequest = new BadRequest();
        foreach (var (field, description) in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        }

        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        if (badRequest.FieldViolations.Count > 0)
        {
            status.Details.Add(Any.Pack(badRequest));
        }

        return status.ToRpcException();
    }

    private static RpcException Plain(Code code, string message) =>
        new Google.Rpc.Status { Code = (int)code, Message = message }.ToRpcException();

    /// <summary>The field violations an <see cref="RpcException"/> carries, for clients and tests.</summary>
    public static IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations(this RpcException exception) =>
        exception.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.ToList()
        ?? (IReadOnlyList<BadRequest.Types.FieldViolation>)Array.Empty<BadRequest.Types.FieldViolation>();
}
