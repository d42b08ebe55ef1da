using YamlDotNet.RepresentationModel;

namespace Ctg.Eventing.Tests.Deploy;

/// <summary>deploy/dapr: what daprd needs to load the components, and our choices (scopes, one retry layer per hop).</summary>
public sealed class DaprResourceTests
{
    public static readonly string[] Apps = ["signatories", "structures", "funding", "reporting"];

    public static TheoryData<string> Sets => new() { "dapr", "dapr/self-hosted" };

    [Theory]
    [MemberData(nameof(Sets))]
    public void The_pubsub_component_is_a_durable_ordered_rabbitmq_named_pubsub_scoped_to_the_four_apps(string set)
    {
        var component = Assert.Single(Yaml.Documents(Path.Combine(set, "pubsub.yaml")));

        Assert.Equal("dapr.io/v1alpha1", component.Text("apiVersion"));
        Assert.Equal("Component", component.Text("kind"));
        Assert.Equal("pubsub", component.Text("metadata.name"));
        Assert.Equal("pubsub.rabbitmq", component.Text("spec.type"));
        Assert.Equal("v1", component.Text("spec.version"));
        Assert.Equal(Apps, component.Items("scopes").Select(s => ((YamlScalarNode)s).Value).ToArray());

        var metadata = component.Items("spec.metadata").Cast<YamlMappingNode>().ToDictionary(m => m.Text("name"));
        foreach (var (name, entry) in metadata)
        {
            Assert.True(entry.Find("value") is YamlScalarNode || entry.Find("secretKeyRef") is YamlMappingNode, $"metadata {name} has neither value nor secretKeyRef");
            if (entry.Find("value") is YamlScalarNode value)
            {
                Assert.True(value.IsString(), $"metadata {name} must be a quoted string, Dapr reads strings");
            }
        }

        Assert.Equal("true", metadata["durable"].Text("value"));
        Assert.Equal("false", metadata["deletedWhenUnused"].Text("value"));
        Assert.Equal("2", metadata["deliveryMode"].Text("value"));
        Assert.Equal("true", metadata["publisherConfirm"].Text("value"));
        Assert.Equal("false", metadata["autoAck"].Text("value"));
        Assert.Equal("single", metadata["concurrencyMode"].Text("value"));
        Assert.True(metadata.ContainsKey("connectionString"));
    }

    [Fact]
    public void In_kubernetes_the_broker_credentials_come_from_a_secret()
    {
        var component = Assert.Single(Yaml.Documents("dapr/pubsub.yaml"));
        var connection = component.Items("spec.metadata").Cast<YamlMappingNode>().Single(m => m.Text("name") == "connectionString");

        Assert.Null(connection.Find("value"));
        Assert.Equal("rabbitmq", connection.Text("secretKeyRef.name"));
        Assert.Equal("connection-string", connection.Text("secretKeyRef.key"));
        Assert.Equal("kubernetes", component.Text("auth.secretStore"));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Resiliency_gives_publishing_no_sidecar_retries_and_delivery_bounded_exponential_retries(string set)
    {
        var resiliency = Assert.Single(Yaml.Documents(Path.Combine(set, "resiliency.yaml")));

        Assert.Equal("dapr.io/v1alpha1", resiliency.Text("apiVersion"));
        Assert.Equal("Resiliency", resiliency.Text("kind"));
        Assert.Equal("ctg-resiliency", resiliency.Text("metadata.name"));
        Assert.Equal(Apps, resiliency.Items("scopes").Select(s => ((YamlScalarNode)s).Value).ToArray());

        var outbound = resiliency.Get("spec.targets.components.pubsub.outbound");
        var inbound = resiliency.Get("spec.targets.components.pubsub.inbound");
        var outboundRetry = resiliency.Get("spec.policies.retries." + outbound.Text("retry"));
        var inboundRetry = resiliency.Get("spec.policies.retries." + inbound.Text("retry"));
        Assert.Equal("0", outboundRetry.Text("maxRetries")); // our outbox publisher is the only retry layer on publish
        Assert.Equal("exponential", inboundRetry.Text("policy"));
        Assert.Equal("4", inboundRetry.Text("maxRetries"));
        Assert.Equal("5s", resiliency.Text("spec.policies.timeouts." + outbound.Text("timeout")));
        Assert.Equal("30s", resiliency.Text("spec.policies.timeouts." + inbound.Text("timeout")));
        Assert.NotNull(resiliency.Find("spec.policies.circuitBreakers." + outbound.Text("circuitBreaker") + ".trip"));
    }

    [Fact]
    public void The_self_hosted_resiliency_is_the_same_policy_as_in_kubernetes()
    {
        static string Body(string path) => string.Join('\n', File.ReadAllLines(Path.Combine(Yaml.DeployDirectory, path)).Where(l => !l.StartsWith('#')));
        Assert.Equal(Body("dapr/resiliency.yaml"), Body("dapr/self-hosted/resiliency.yaml"));
    }

    [Theory]
    [InlineData("dapr/config.yaml", "otel")]
    [InlineData("dapr/self-hosted/config.yaml", "zipkin")]
    public void The_configuration_traces_everything_to_an_exporter(string path, string exporter)
    {
        var configuration = Assert.Single(Yaml.Documents(path));

        Assert.Equal("dapr.io/v1alpha1", configuration.Text("apiVersion"));
        Assert.Equal("Configuration", configuration.Text("kind"));
        Assert.Equal("ctg-dapr-config", configuration.Text("metadata.name"));
        Assert.Equal("1", configuration.Text("spec.tracing.samplingRate"));
        Assert.False(string.IsNullOrWhiteSpace(configuration.Text($"spec.tracing.{exporter}.endpointAddress")));
    }
}
