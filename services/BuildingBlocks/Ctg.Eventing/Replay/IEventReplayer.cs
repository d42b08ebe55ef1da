using Ctg.Eventing.Publishing;
using Ctg.Eventing.Subscriptions;

namespace Ctg.Eventing.Replay;

/// <summary>What to replay: every published event, or those of one topic, after a sequence.</summary>
public sealed record ReplayRequest(string? Topic = null, long FromSequence = 0);

/// <summary>How a replay ended. <see cref="LastSequence"/> is the last event sent, so that a caller
/// whose replay was interrupted can resume with <c>fromSequence = LastSequence + 1</c>.</summary>
public sealed record ReplayResult(int Replayed, long LastSequence, bool Completed, string? Error);

/// <summary>Re-publishes the events this service already published, in their original order and with
/// their original ids, so that a consumer can rebuild a read model from scratch. Consumers that have
/// already applied an event skip it thanks to their inbox; a consumer rebuilding clears its own inbox
/// (<see cref="Inbox.ForgetAsync"/>) first.</summary>
public interface IEventReplayer
{
    Task<ReplayResult> ReplayAsync(ReplayRequest request, CancellationToken cancellationToken);
}

public sealed class EventReplayer(OutboxStore outbox, DaprPublisher publisher) : IEventReplayer
{
    private const int PageSize = 500;

    public async Task<ReplayResult> ReplayAsync(ReplayRequest request, CancellationToken cancellationToken)
    {
        var topic = string.IsNullOrWhiteSpace(request.Topic) ? null : request.Topic;
        var after = Math.Max(0, request.FromSequence - 1);
        var replayed = 0;
        var last = 0L;
        while (true)
        {
            var page = await outbox.ReadPublishedAsync(topic, after, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                return new ReplayResult(replayed, last, Completed: true, Error: null);
            }

            foreach (var stored in page)
            {
                var outcome = await publisher.PublishAsync(stored, cancellationToken);
                if (outcome.Status != PublishStatus.Published)
                {
                    return new ReplayResult(replayed, last, Completed: false, Error: $"The bus did not take event {stored.Sequence}: {outcome.Detail}");
                }

                replayed++;
                last = stored.Sequence;
            }

            after = last;
        }
    }
}
