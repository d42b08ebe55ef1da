using YamlDotNet.RepresentationModel;

namespace Ctg.Eventing.Tests.Deploy;

/// <summary>deploy/dapr against the fields Dapr documents: a misspelt metadata name is silently ignored by
/// daprd, so it is caught here. Also the per-topic scopes and the access control the platform relies on.</summary>
public sealed class DaprDocumentedFieldsTests
{
    /// <summary>Metadata of the RabbitMQ pub/sub component, plus the scoping fields every pub/sub component takes.</summary>
    private static readonly HashSet<string> RabbitMqFields =
    [
        "connectionString", "protocol", "hostname", "username", "password", "consumerID", "durable", "deletedWhenUnused",
        "autoAck", "deliveryMode", "requeueInFailure", "prefetchCount", "reconnectWait", "concurrencyMode",
        "publisherConfirm", "enableDeadLetter", "maxLen", "maxLenBytes", "exchangeKind", "saslExternal", "ttlInSeconds",
        "caCert", "clientCert", "clientKey", "clientName", "heartBeat", "singleActiveConsumer", "defaultQueueType",
        "publishingScopes", "subscriptionScopes", "allowedTopics", "protectedTopics",
    ];

    [Theory]
    [InlineData("dapr/pubsub.yaml")]
    [InlineData("dapr/self-hosted/pubsub.yaml")]
    public void Every_pubsub_metadata_name_is_a_documented_field(string file)
    {
        var component = Yaml.Documents(file).Single(d => d.Text("kind") == "Component");
        Assert.Equal("pubsub.rabbitmq", component.Text("spec.type"));
        var names = component.Items("spec.metadata").Select(m => m.Text("name")).ToArray();

        Assert.All(names, name => Assert.Contains(name, RabbitMqFields));
    }

    [Fact]
    public void Each_service_publishes_only_its_own_topics_and_only_reporting_subscribes()
    {
        var component = Yaml.Documents("dapr/pubsub.yaml").Single(d => d.Text("kind") == "Component");
        var metadata = component.Items("spec.metadata").Cast<YamlMappingNode>().Where(m => m.Find("value") is not null).ToDictionary(m => m.Text("name"), m => m.Text("value"));
        var publishing = Scopes(metadata["publishingScopes"]);
        var subscribing = Scopes(metadata["subscriptionScopes"]);

        foreach (var app in new[] { "signatories", "structures", "funding" })
        {
            Assert.NotEmpty(publishing[app]);
            Assert.All(publishing[app], topic => Assert.StartsWith(app + ".", topic, StringComparison.Ordinal));
            Assert.Empty(subscribing[app]);
        }

        Assert.Equal(["reporting.dead-letter.v1"], publishing["reporting"]);
        Assert.Superset(publishing.Values.SelectMany(t => t).ToHashSet(), subscribing["reporting"].ToHashSet());
    }

    [Fact]
    public void Service_invocation_is_denied_but_the_replay_reporting_asks_for()
    {
        var config = Yaml.Documents("dapr/config.yaml").Single();
        Assert.Equal("deny", config.Text("spec.accessControl.defaultAction"));
        var policy = config.Items("spec.accessControl.policies").Cast<YamlMappingNode>().Single();
        Assert.Equal(("reporting", "deny"), (policy.Text("appId"), policy.Text("defaultAction")));
        var operation = policy.Items("operations").Cast<YamlMappingNode>().Single();
        Assert.Equal(("/events/replay", "allow"), (operation.Text("name"), operation.Text("action")));
        Assert.Equal(["POST"], operation.Items("httpVerb").Select(v => ((YamlScalarNode)v).Value!).ToArray());
    }

    private static Dictionary<string, string[]> Scopes(string value) =>
        value.Split(';').Select(entry => entry.Split('=')).ToDictionary(
            parts => parts[0],
            parts => parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries));
}
