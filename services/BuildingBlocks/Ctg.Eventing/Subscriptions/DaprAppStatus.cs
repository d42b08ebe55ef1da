
namespace Ctg.Eventing.Subscriptions;

/// <summary>The answers Dapr's app contract defines for a delivered event, sent as
/// <c>{"status": "SUCCESS"}</c> with HTTP 200.</summary>
public static class DaprAppStatus
{
    /// <summary>Processed (or already processed): the bus forgets the message.</summary>
    public const string Success = "SUCCESS";

    /// <summary>Transient failure: the bus delivers it again later.</summary>
    public const string Retry = "RETRY";

    /// <summary>Never processable: the bus stops trying and sends it to the dead-letter topic.</summary>
    public const string Drop = "DROP";
}
