using System.Data.Common;

namespace Ctg.Eventing.Subscriptions;

/// <summary>What a handler gets with the event: the CloudEvent attributes, and the open connection and
/// transaction in which the inbox row is written. A handler writes its changes in
/// <see cref="Transaction"/>, so they commit together with the inbox row, or not at all.</summary>
public sealed class EventContext
{
    internal EventContext(ReceivedCloudEvent cloudEvent, DbConnection connection, DbTransaction transaction, IServiceProvider services, CancellationToken cancellationToken)
    {
        CloudEvent = cloudEvent;
        Connection = connection;
        Transaction = transaction;
        Services = services;
        CancellationToken = cancellationToken;
    }

    public ReceivedCloudEvent CloudEvent { get; }

    public string EventId => CloudEvent.Id;

    public string Topic => CloudEvent.Topic;

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    /// <summary>The request's scoped services.</summary>
    public IServiceProvider Services { get; }

    public CancellationToken CancellationToken { get; }
}

/// <summary>Thrown by a handler for an event it can never process (a poison message): the bus drops it
/// to the subscription's dead-letter topic instead of retrying.</summary>
public sealed class PoisonEventException(string message, Exception? inner = null) : Exception(message, inner);
