using YamlDotNet.RepresentationModel;

namespace Ctg.Eventing.Tests.Deploy;

/// <summary>deploy/k8s: what the API server and the Dapr sidecar injector require, and what we promise
/// (gRPC health probes, resources, connection strings from secrets).</summary>
public sealed class KubernetesManifestTests
{
    public static TheoryData<string> Apps => new(DaprResourceTests.Apps);

    [Fact]
    public void Every_document_has_api_version_kind_and_name()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Yaml.DeployDirectory, "k8s"), "*.yaml"))
        {
            foreach (var document in Yaml.Documents(Path.Combine("k8s", Path.GetFileName(file))))
            {
                Assert.False(string.IsNullOrWhiteSpace(document.Text("apiVersion")), file);
                Assert.False(string.IsNullOrWhiteSpace(document.Text("kind")), file);
                if (document.Text("kind") != "Kustomization")
                {
                    Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", document.Text("metadata.name"));
                }
            }
        }
    }

    [Fact]
    public void The_kustomization_lists_the_namespace_the_four_services_the_web_application_and_the_policies()
    {
        var kustomization = Assert.Single(Yaml.Documents("k8s/kustomization.yaml"));
        var resources = kustomization.Items("resources").Select(r => ((YamlScalarNode)r).Value!).ToArray();

        Assert.Equal(
            ["namespace.yaml", "signatories.yaml", "structures.yaml", "funding.yaml", "reporting.yaml", "web.yaml", "identity.yaml", "network-policies.yaml", "pod-disruption-budgets.yaml"],
            resources);
        Assert.All(resources, r => Assert.True(File.Exists(Path.Combine(Yaml.DeployDirectory, "k8s", r!)), r));
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void The_deployment_runs_with_a_dapr_sidecar_on_the_http_app_channel(string app)
    {
        var deployment = Deployment(app);
        var annotations = deployment.Scalars("spec.template.metadata.annotations");

        Assert.All(annotations, a => Assert.True(a.Value.IsString(), $"annotation {a.Key} must be a quoted string"));
        Assert.Equal("true", annotations["dapr.io/enabled"].Value);
        Assert.Equal(app, annotations["dapr.io/app-id"].Value);
        Assert.Equal("http", annotations["dapr.io/app-protocol"].Value);
        Assert.Equal(Port(deployment, "http"), annotations["dapr.io/app-port"].Value);
        var configName = Assert.Single(Yaml.Documents("dapr/config.yaml")).Text("metadata.name");
        Assert.Equal(configName, annotations["dapr.io/config"].Value);
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void The_deployment_selects_its_pods_and_the_service_routes_to_its_named_ports(string app)
    {
        var deployment = Deployment(app);
        var service = Documents(app).Single(d => d.Text("kind") == "Service");

        Assert.Equal("apps/v1", deployment.Text("apiVersion"));
        Assert.Equal("v1", service.Text("apiVersion"));
        Assert.Equal(deployment.Text("metadata.namespace"), service.Text("metadata.namespace"));
        var podLabels = deployment.Scalars("spec.template.metadata.labels");
        Assert.All(deployment.Scalars("spec.selector.matchLabels"), l => Assert.Equal(l.Value.Value, podLabels[l.Key].Value));
        Assert.All(service.Scalars("spec.selector"), l => Assert.Equal(l.Value.Value, podLabels[l.Key].Value));
        var containerPorts = Container(deployment).Items("ports").Select(p => p.Text("name")).ToHashSet();
        Assert.All(service.Items("spec.ports"), p => Assert.Contains(p.Text("targetPort"), containerPorts));
        Assert.Equal("kubernetes.io/h2c", service.Items("spec.ports").Single(p => p.Text("name") == "grpc").Text("appProtocol"));
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void Probes_call_the_grpc_health_service_on_the_grpc_port(string app)
    {
        var container = Container(Deployment(app));
        var grpcPort = Port(Deployment(app), "grpc");

        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            Assert.Equal(grpcPort, container.Text($"{probe}.grpc.port"));
            Assert.Null(container.Find($"{probe}.httpGet"));
        }
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void The_container_has_resources_and_its_settings_match_the_service_configuration(string app)
    {
        var deployment = Deployment(app);
        var container = Container(deployment);

        foreach (var kind in new[] { "requests", "limits" })
        {
            Assert.False(string.IsNullOrWhiteSpace(container.Text($"resources.{kind}.cpu")));
            Assert.Matches("^[0-9]+(Mi|Gi)$", container.Text($"resources.{kind}.memory"));
        }

        var env = container.Items("env").Cast<YamlMappingNode>().ToDictionary(e => e.Text("name"));
        Assert.All(env.Values.Where(e => e.Find("value") is not null), e => Assert.True(((YamlScalarNode)e.Get("value")).IsString(), e.Text("name")));
        Assert.Equal(Port(deployment, "grpc"), env["Service__GrpcPort"].Text("value"));
        Assert.Equal(Port(deployment, "http"), env["Service__HttpPort"].Text("value"));
        Assert.Equal("postgres", env["Database__Provider"].Text("value"));
        Assert.Equal("false", env["Database__ApplyMigrationsOnStart"].Text("value"));
        Assert.Null(env["Database__ConnectionString"].Find("value"));
        Assert.Equal($"{app}-database", env["Database__ConnectionString"].Text("valueFrom.secretKeyRef.name"));
        Assert.Equal("connection-string", env["Database__ConnectionString"].Text("valueFrom.secretKeyRef.key"));
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void Each_service_has_an_explicit_migration_job_without_a_sidecar(string app)
    {
        var job = Yaml.Documents("k8s/migrate-jobs.yaml").Single(d => d.Text("metadata.name") == $"{app}-migrate");

        Assert.Equal("batch/v1", job.Text("apiVersion"));
        Assert.Equal("Job", job.Text("kind"));
        Assert.Equal("Never", job.Text("spec.template.spec.restartPolicy"));
        Assert.Equal("false", Annotation(job, "dapr.io/enabled"));
        var container = Assert.Single(job.Items("spec.template.spec.containers"));
        Assert.Equal(["migrate"], container.Items("args").Select(a => ((YamlScalarNode)a).Value!).ToArray());
        Assert.Equal(Container(Deployment(app)).Text("image"), container.Text("image"));
        var connection = container.Items("env").Single(e => e.Text("name") == "Database__ConnectionString");
        // The migrator role (DDL); the running service connects with its narrower role (<app>-database).
        Assert.Equal($"{app}-database-migrator", connection.Text("valueFrom.secretKeyRef.name"));
    }

    private static string Annotation(YamlNode document, string name) => document.Scalars("spec.template.metadata.annotations")[name].Value!;

    private static IReadOnlyList<YamlMappingNode> Documents(string app) => Yaml.Documents($"k8s/{app}.yaml");

    private static YamlMappingNode Deployment(string app)
    {
        var deployment = Documents(app).Single(d => d.Text("kind") == "Deployment");
        Assert.Equal(app, deployment.Text("metadata.name"));
        return deployment;
    }

    private static YamlNode Container(YamlNode deployment) => Assert.Single(deployment.Items("spec.template.spec.containers"));

    private static string Port(YamlNode deployment, string name) =>
        Container(deployment).Items("ports").Single(p => p.Text("name") == name).Text("containerPort");
}
