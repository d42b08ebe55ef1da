using System.Text.Json;
using Ctg.Eventing.Tests.Support;
using Dapper;

namespace Ctg.Eventing.Tests;

public sealed class OutboxTests
{
    [Fact]
    public async Task An_event_written_in_a_rolled_back_transaction_does_not_exist_and_a_committed_one_does()
    {
        await using var app = await EventingTestApp.StartAsync("outbox", new TestAppSettings());
        await OutboxAssertions.RollbackLeavesNothingCommitKeepsEverything(app);
    }
}

internal static class OutboxAssertions
{
    public static async Task RollbackLeavesNothingCommitKeepsEverything(EventingTestApp app)
    {
        await app.PublishAsync("rolled-back", 1, commit: false);
        Assert.Empty(await app.OutboxAsync());

        var committed = await app.PublishAsync("committed", 2);

        await using var connection = await app.Connections.OpenAsync(CancellationToken.None);
        var row = await connection.QuerySingleAsync<(string EventId, string Topic, string EventType, string Source, string OccurredAt, string Data)>(
            "SELECT event_id, topic, event_type, source, occurred_at, data FROM outbox");
        Assert.Equal(committed.EventId.ToString(), row.EventId);
        Assert.Equal("structures.sample-happened.v1", row.Topic);
        Assert.Equal("ctg.structures.sample-happened.v1", row.EventType);
        Assert.Equal("ctg/" + app.Name, row.Source);
        Assert.Equal(committed.OccurredAt.UtcDateTime, DateTimeOffset.Parse(row.OccurredAt, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
        using var data = JsonDocument.Parse(row.Data);
        Assert.Equal("committed", data.RootElement.GetProperty("value").GetString());
        Assert.Equal(2, data.RootElement.GetProperty("number").GetInt32());
    }
}
