using System.Text.Json;
using System.Text.RegularExpressions;
using Ctg.Testing;
using Microsoft.AspNetCore.Builder;

namespace Ctg.Contracts.Tests;

/// <summary>
/// Reads <c>GET /dapr/subscribe</c> of every service, as daprd does at start-up, and checks each
/// subscription: the pubsub component, an explicit versioned topic that some service documents as
/// published, a route the service answers on, and a dead-letter topic.
/// </summary>
public sealed partial class DaprSubscribeEndpointTests
{
    public static TheoryData<string> Services => ["signatories", "structures", "funding", "reporting"];

    [GeneratedRegex(@"^[a-z]+\.[a-z]+(-[a-z]+)*\.v[0-9]+$")]
    private static partial Regex VersionedTopic();

    [GeneratedRegex(@"(?<![\w.-])([a-z]+\.[a-z]+(?:-[a-z]+)*\.v[0-9]+)(?![\w-])")]
    private static partial Regex TopicMention();

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_subscription_names_pubsub_a_versioned_topic_a_route_and_a_dead_letter(string service)
    {
        await using var host = await ServiceUnderTest.StartAsync(BuildOf(service));
        using var http = new HttpClient { BaseAddress = host.HttpAddress };

        var response = await http.GetAsync("/dapr/subscribe");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        // The SDK's MapSubscribeHandler writes the JSON without a content type; daprd parses the body as JSON.
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);

        foreach (var subscription in document.RootElement.EnumerateArray())
        {
            var topic = subscription.GetProperty("topic").GetString()!;
            // The Dapr SDK's MapSubscribeHandler format (daprd reads the names case-insensitively).
            Assert.Equal("pubsub", subscription.GetProperty("pubsubName").GetString());
            Assert.Matches(VersionedTopic(), topic);
            Assert.Contains(topic, PublishedTopics());
            var route = subscription.GetProperty("route").GetString()!;
            Assert.False(route.StartsWith('/'), route);
            var deadLetter = subscription.GetProperty("deadLetterTopic").GetString()!;
            Assert.Matches(VersionedTopic(), deadLetter);
            Assert.NotEqual(topic, deadLetter);

            // The route exists: an empty body is not a CloudEvent, so the app drops it rather than 404.
            var delivery = await http.PostAsync("/" + route, new StringContent("{}", System.Text.Encoding.UTF8, "application/cloudevents+json"));
            Assert.NotEqual(System.Net.HttpStatusCode.NotFound, delivery.StatusCode);
        }
    }

    [Fact]
    public async Task Reporting_subscribes_to_every_topic_the_other_services_publish()
    {
        await using var host = await ServiceUnderTest.StartAsync(Ctg.Reporting.ReportingApp.Build);
        using var http = new HttpClient { BaseAddress = host.HttpAddress };
        using var document = JsonDocument.Parse(await http.GetStringAsync("/dapr/subscribe"));
        var subscribed = document.RootElement.EnumerateArray().Select(s => s.GetProperty("topic").GetString()!).ToHashSet();

        var published = PublishedTopics();
        var missing = published.Where(topic => !subscribed.Contains(topic)).Order().ToArray();

        // The documents name the topics the issues ask for, so the comparison is not vacuous.
        Assert.Superset(new HashSet<string>
        {
            "signatories.convention-signed.v1", "signatories.competence-transferred.v1", "structures.structure-registered.v1",
            "structures.declaration-submitted.v1", "structures.reference-recorded.v1", "funding.funding-computed.v1",
            "funding.allocation-approved.v1", "funding.payment-scheduled.v1",
        }, published);

        Assert.Empty(missing);
    }

    private static Func<string[], WebApplication> BuildOf(string service) => service switch
    {
        "signatories" => Ctg.Signatories.SignatoriesApp.Build,
        "structures" => Ctg.Structures.StructuresApp.Build,
        "funding" => Ctg.Funding.Api.FundingApp.Build,
        "reporting" => Ctg.Reporting.ReportingApp.Build,
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };

    /// <summary>The topics the publishing services document in their EVENTS.md, the contract the
    /// reporting service (and any other subscriber) is written against.</summary>
    private static HashSet<string> PublishedTopics()
    {
        var services = Path.Combine(RepositoryRoot(), "services");
        return new[] { "signatories", "structures", "funding" }
            .Select(name => File.ReadAllText(Path.Combine(services, char.ToUpperInvariant(name[0]) + name[1..], "EVENTS.md")))
            .SelectMany(text => TopicMention().Matches(text).Select(match => match.Groups[1].Value))
            .Where(topic => topic.Split('.')[0] is "signatories" or "structures" or "funding")
            .ToHashSet();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CtgPlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CtgPlatform.sln not found above the test binaries.");
    }
}
