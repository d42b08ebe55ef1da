using System.Data.Common;
using Ctg.Data;
using Ctg.Eventing;
using Ctg.ServiceDefaults.Security;

namespace Ctg.Application.Commands;

/// <summary>The context of one command run: it keeps the raised events (as deferred outbox writes, so
/// each is serialized with its own type) and the targets until the pipeline writes them.</summary>
internal sealed class CommandContext(
    CommandInfo command, DbConnection connection, DbTransaction transaction, ISqlDialectSyntax syntax,
    TimeProvider clock, OutboxWriter outbox, CancellationToken cancellationToken) : ICommandContext
{
    private readonly List<string> _targets = [.. command.TargetIds.Distinct(StringComparer.Ordinal)];
    private readonly List<(string Topic, Func<DbTransaction, CancellationToken, Task> Write)> _events = [];

    public string CommandName => command.Name;

    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public ISqlDialectSyntax Syntax => syntax;

    public TimeProvider Clock => clock;

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public CallerIdentity Caller => command.Caller;

    public CancellationToken CancellationToken => cancellationToken;

    public IReadOnlyList<string> TargetIds => _targets;

    public IReadOnlyList<string> RaisedTopics => _events.Select(e => e.Topic).ToArray();

    public void AddTarget(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (!_targets.Contains(id, StringComparer.Ordinal))
        {
            _targets.Add(id);
        }
    }

    public void Raise<TEvent>(string topic, TEvent @event)
        where TEvent : IntegrationEvent
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(@event);
        @event.OccurredAt = Now;
        _events.Add((topic, (tx, ct) => outbox.AddAsync(tx, topic, @event, ct)));
    }

    internal async Task WriteEventsAsync(DbTransaction tx, CancellationToken ct)
    {
        foreach (var (_, write) in _events)
        {
            await write(tx, ct);
        }
    }
}
