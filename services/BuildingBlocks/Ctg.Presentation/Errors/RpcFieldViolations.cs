using Google.Rpc;
using Grpc.Core;

namespace Ctg.Presentation.Errors;

/// <summary>The google.rpc.BadRequest field violations the services attach to INVALID_ARGUMENT (the
/// grpc-status-details-bin trailer), which ctg lists and the web shows on their fields.</summary>
public static class RpcFieldViolations
{
    public static IReadOnlyList<BadRequest.Types.FieldViolation> Of(RpcException exception)
    {
        try
        {
            return exception.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.ToList()
                ?? (IReadOnlyList<BadRequest.Types.FieldViolation>)[];
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            // A malformed details trailer must not hide the status itself.
            return [];
        }
    }
}
