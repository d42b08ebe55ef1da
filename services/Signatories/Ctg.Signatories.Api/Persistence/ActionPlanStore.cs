using System.Data.Common;
using Ctg.Data;
using Ctg.Eventing;
using Ctg.ServiceDefaults;
using Ctg.Signatories.Domain;
using Ctg.Signatories.V1;
using Dapper;
using Google.Protobuf;

namespace Ctg.Signatories.Persistence;

/// <summary>Action plans, one per convention, versioned on their own; a change and its events are
/// written in one transaction, guarded by the version read.</summary>
public sealed class ActionPlanStore(IDbConnectionFactory connections, OutboxWriter outbox, IOutboxSignal outboxSignal, TimeProvider clock)
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public async Task<ActionPlanAggregate> GetAsync(string conventionId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await LoadAsync(connection, null, conventionId, cancellationToken);
    }

    public async Task<ActionPlanAggregate> ChangeAsync(
        string conventionId, long expectedVersion, Action<ActionPlanAggregate> command, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var aggregate = await LoadAsync(connection, transaction, conventionId, cancellationToken);
        aggregate.CheckExpectedVersion(expectedVersion);
        command(aggregate);

        var readVersion = aggregate.Version;
        aggregate.Plan.Version = aggregate.NextVersion;
        var parameters = new { ConventionId = conventionId, aggregate.Plan.Version, ReadVersion = readVersion, Plan = Formatter.Format(aggregate.Plan), Now = clock.GetUtcNow().ToString("O") };
        var written = readVersion == 0
            ? await connection.ExecuteAsync(new CommandDefinition(
                connections.Syntax.InsertIgnoringDuplicates("action_plans", "convention_id, version, \"plan\", updated_at", "@ConventionId, @Version, @Plan, @Now", "convention_id"),
                parameters, transaction, cancellationToken: cancellationToken))
            : await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE action_plans SET version = @Version, \"plan\" = @Plan, updated_at = @Now WHERE convention_id = @ConventionId AND version = @ReadVersion",
                parameters, transaction, cancellationToken: cancellationToken));
        if (written != 1)
        {
            throw RpcErrors.Aborted($"The action plan of {conventionId} was changed concurrently: reload it and retry.");
        }

        foreach (var pending in aggregate.Events)
        {
            await pending.WriteAsync(outbox, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();
        return aggregate;
    }

    /// <summary>Creates the plan with <paramref name="build"/> unless the convention already has one
    /// (demo data loading); returns whether it was created.</summary>
    public async Task<bool> CreateIfAbsentAsync(string conventionId, Action<ActionPlanAggregate> build, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var aggregate = await LoadAsync(connection, transaction, conventionId, cancellationToken);
        if (aggregate.Version != 0)
        {
            return false;
        }

        build(aggregate);
        aggregate.Plan.Version = aggregate.NextVersion;
        var written = await connection.ExecuteAsync(new CommandDefinition(
            connections.Syntax.InsertIgnoringDuplicates("action_plans", "convention_id, version, \"plan\", updated_at", "@ConventionId, @Version, @Plan, @Now", "convention_id"),
            new { ConventionId = conventionId, aggregate.Plan.Version, Plan = Formatter.Format(aggregate.Plan), Now = clock.GetUtcNow().ToString("O") },
            transaction, cancellationToken: cancellationToken));
        foreach (var pending in aggregate.Events)
        {
            await pending.WriteAsync(outbox, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();
        return written == 1;
    }

    private static async Task<ActionPlanAggregate> LoadAsync(DbConnection connection, DbTransaction? transaction, string conventionId, CancellationToken cancellationToken)
    {
        var convention = await ConventionStore.FindAsync(connection, transaction, conventionId, cancellationToken)
            ?? throw RpcErrors.NotFound($"Convention '{conventionId}' does not exist.");
        var json = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT \"plan\" FROM action_plans WHERE convention_id = @conventionId", new { conventionId }, transaction, cancellationToken: cancellationToken));
        var plan = json is null ? new ActionPlan { ConventionId = conventionId } : Parser.Parse<ActionPlan>(json);

        // Deadlines and quarters are checked against the convention's latest terms (every avenant applied).
        return new ActionPlanAggregate(plan, convention.SnapshotAt(DateOnly.MaxValue));
    }
}
