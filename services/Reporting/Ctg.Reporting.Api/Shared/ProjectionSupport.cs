using Ctg.Data;
using Ctg.Eventing;
using Ctg.Eventing.Subscriptions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Ctg.Reporting.Shared;

/// <summary>What every projection needs: the required-field check that turns an incomplete event into
/// poison, the source position used to ignore stale events, and the applied-events counter.</summary>
internal static class ProjectionSupport
{
    /// <summary>A value the projection cannot do without; its absence makes the event poison (dead-lettered),
    /// because retrying the same payload can never succeed.</summary>
    public static T Required<T>(T? value, string field, EventContext context)
        where T : class =>
        value is string text && string.IsNullOrWhiteSpace(text) || value is null
            ? throw new PoisonEventException($"Event {context.EventId} on {context.Topic} has no {field}.")
            : value;

    public static T Required<T>(T? value, string field, EventContext context)
        where T : struct =>
        value ?? throw new PoisonEventException($"Event {context.EventId} on {context.Topic} has no {field}.");

    /// <summary>The event's position in its source's outbox. An event without one (published by something
    /// other than Ctg.Eventing) counts as the oldest: it fills a row but never overwrites a sequenced state.</summary>
    public static long SourceSequence(EventContext context) => context.CloudEvent.Sequence ?? 0;

    /// <summary>The dialect's syntax for the upserts projections write (ON CONFLICT or MERGE).</summary>
    public static ISqlDialectSyntax Syntax(this EventContext context) => context.Services.GetRequiredService<ISqlDialectSyntax>();

    public static Task<int> ExecuteAsync(this EventContext context, string sql, object parameters) =>
        context.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, context.Transaction, cancellationToken: context.CancellationToken));

    /// <summary>Wraps a handler so that each event it applies is counted, in the same transaction as the
    /// inbox row: with exactly-once application the counter equals the number of distinct events.</summary>
    public static Func<TEvent, EventContext, Task> Counted<TEvent>(string topic, Func<TEvent, EventContext, Task> handler) =>
        async (@event, context) =>
        {
            await handler(@event, context);
            await context.ExecuteAsync(
                context.Syntax().Upsert(
                    "rm_applied_events",
                    "topic, applied",
                    "@Topic, 1",
                    "topic",
                    "applied = rm_applied_events.applied + 1"),
                new { Topic = topic });
        };
}
