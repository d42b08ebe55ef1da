using System.Data.Common;
using Ctg.Application.Commands;
using Ctg.Data;
using Ctg.Domain;
using Ctg.ServiceDefaults;
using Ctg.Signatories.Conventions;
using Ctg.Signatories.Shared;
using Ctg.Signatories.V1;
using Dapper;
using Google.Protobuf;

namespace Ctg.Signatories.ActionPlans;

/// <summary>Action plans, one per convention, versioned on their own; a change runs in the command
/// pipeline's transaction, guarded by the version read, its events raised on the command context.</summary>
public sealed class ActionPlanStore(IDbConnectionFactory connections)
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public async Task<ActionPlanAggregate> GetAsync(string conventionId, ConventionScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await LoadAsync(connection, null, conventionId, scope, cancellationToken);
    }

    /// <summary>Runs <paramref name="command"/> on the plan read in the command's transaction and saves
    /// it guarded by the plan version read (a concurrent writer gets ABORTED).</summary>
    public async Task<ActionPlanAggregate> ChangeAsync(ICommandContext ctx, string conventionId, long expectedVersion, Action<ActionPlanAggregate> command)
    {
        var aggregate = await LoadAsync(ctx.Connection, ctx.Transaction, conventionId, ConventionScope.Of(ctx.Caller), ctx.CancellationToken);
        aggregate.CheckExpectedVersion(expectedVersion);
        command(aggregate);
        if (await SaveAsync(ctx, aggregate) != 1)
        {
            throw new ConflictError($"The action plan of {conventionId} was changed concurrently: reload it and retry.");
        }

        return aggregate;
    }

    /// <summary>Creates the plan with <paramref name="build"/> unless the convention already has one
    /// (demo data loading); returns whether it was created.</summary>
    public async Task<bool> CreateIfAbsentAsync(ICommandContext ctx, string conventionId, Action<ActionPlanAggregate> build)
    {
        var aggregate = await LoadAsync(ctx.Connection, ctx.Transaction, conventionId, ConventionScope.Of(ctx.Caller), ctx.CancellationToken);
        if (aggregate.Version != 0)
        {
            return false;
        }

        build(aggregate);
        return await SaveAsync(ctx, aggregate) == 1;
    }

    private async Task<int> SaveAsync(ICommandContext ctx, ActionPlanAggregate aggregate)
    {
        var readVersion = aggregate.Version;
        // Taken before the saved version is set: the plan's state event carries the version being saved.
        var events = aggregate.Events;
        aggregate.Plan.Version = aggregate.NextVersion;
        var parameters = new { aggregate.Plan.ConventionId, aggregate.Plan.Version, ReadVersion = readVersion, Plan = Formatter.Format(aggregate.Plan), Now = ctx.Now.ToString("O") };
        var written = readVersion == 0
            ? await ctx.Connection.ExecuteAsync(new CommandDefinition(
                connections.Syntax.InsertIgnoringDuplicates("action_plans", "convention_id, version, \"plan\", updated_at", "@ConventionId, @Version, @Plan, @Now", "convention_id"),
                parameters, ctx.Transaction, cancellationToken: ctx.CancellationToken))
            : await ctx.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE action_plans SET version = @Version, \"plan\" = @Plan, updated_at = @Now WHERE convention_id = @ConventionId AND version = @ReadVersion",
                parameters, ctx.Transaction, cancellationToken: ctx.CancellationToken));
        if (written == 1)
        {
            ctx.AddTarget(aggregate.Plan.ConventionId);
            foreach (var pending in events)
            {
                pending.Raise(ctx);
            }
        }

        return written;
    }

    /// <summary>The plan of a convention the caller may see (another CAF's is NOT_FOUND).</summary>
    private static async Task<ActionPlanAggregate> LoadAsync(
        DbConnection connection, DbTransaction? transaction, string conventionId, ConventionScope scope, CancellationToken cancellationToken)
    {
        var convention = await ConventionStore.FindAsync(connection, transaction, conventionId, scope, cancellationToken)
            ?? throw ConventionStore.NotFound(conventionId);
        var json = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT \"plan\" FROM action_plans WHERE convention_id = @conventionId", new { conventionId }, transaction, cancellationToken: cancellationToken));
        var plan = json is null ? new ActionPlan { ConventionId = conventionId } : Parser.Parse<ActionPlan>(json);

        // Deadlines and quarters are checked against the convention's latest terms (every avenant applied).
        return new ActionPlanAggregate(plan, convention.SnapshotAt(DateOnly.MaxValue));
    }
}
