using Ctg.Application.Commands;
using Ctg.Signatories.Shared;
using Google.Protobuf;
using Grpc.Core;

namespace Ctg.Signatories.Conventions;

/// <summary>How an RPC that edits one convention runs: through the command pipeline (transaction, outbox,
/// audit record), the store's change guarded by the version read and scoped to the caller's CAFs, then the
/// view the RPC answers with. The endpoints differ only in the domain command and the view.</summary>
public sealed class ConventionChanges(ConventionStore store, ICommandPipeline pipeline)
{
    public Task<TView> ExecuteAsync<TView>(
        ServerCallContext context, string commandName, IMessage request, string conventionId, long expectedVersion,
        Action<ConventionAggregate> command, Func<ConventionAggregate, TView> view)
        where TView : class, IMessage<TView>, new() =>
        pipeline.ExecuteAsync(context, commandName, request, async ctx => view(await store.ChangeAsync(ctx, conventionId, expectedVersion, command)));
}
