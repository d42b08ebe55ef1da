using System.Data.Common;
using Ctg.Data;
using Ctg.Eventing;
using Ctg.ServiceDefaults.Security;

namespace Ctg.Application.Commands;

/// <summary>What a command handler works with: the open connection and transaction of the command
/// (every store call takes them), the clock, the caller, and the events to publish once committed.</summary>
public interface ICommandContext
{
    string CommandName { get; }

    DbConnection Connection { get; }

    DbTransaction Transaction { get; }

    ISqlDialectSyntax Syntax { get; }

    TimeProvider Clock { get; }

    /// <summary>The time of the command, read once from <see cref="Clock"/>: every row it writes carries the same instant.</summary>
    DateTimeOffset Now { get; }

    CallerIdentity Caller { get; }

    CancellationToken CancellationToken { get; }

    IReadOnlyList<string> TargetIds { get; }

    /// <summary>Adds the id of something the command reads or changes, for the audit record.</summary>
    void AddTarget(string id);

    /// <summary>An event written to the outbox in the command's transaction after the handler returns,
    /// and published after commit. Nothing is written if the handler fails.</summary>
    void Raise<TEvent>(string topic, TEvent @event)
        where TEvent : IntegrationEvent;
}
