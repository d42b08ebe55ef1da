using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Ctg.Eventing.Tests.Deploy;

/// <summary>Every setting a service reads at start-up is set by its Kubernetes manifest: the keys are
/// collected from the sources (configuration indexers, GetSection, GetValue, options classes' SectionName)
/// of the service and of the building blocks it runs, and compared with the container's environment
/// (<c>Section__Key</c>). A key left to its default in production is named in <see cref="Defaulted"/>
/// with the reason, so a new setting fails here until someone decides.</summary>
public sealed partial class ManifestSettingsTests
{
    /// <summary>Settings whose code default is the production value; why, for each.</summary>
    private static readonly Dictionary<string, string> Defaulted = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Database:DataDirectory"] = "SQLite only; the manifests run PostgreSQL",
        ["Database:Schema"] = "the connection's default schema",
        ["Database"] = "set key by key (Database__Provider, Database__ConnectionString)",
        ["Dapr"] = "set key by key; the sidecar's endpoints come from DAPR_GRPC_PORT / DAPR_HTTP_PORT, which daprd injects",
        ["Eventing"] = "set key by key (Eventing__MaxPublishAttempts); the lease duration keeps its default",
        ["Service"] = "set key by key (Service__Host, Service__GrpcPort, Service__HttpPort)",
        ["Services"] = "set key by key, one upstream address per service that calls one",
        ["Authentication"] = "set key by key (Authentication__Authority, Authentication__Audience)",
        ["Authentication:RequireHttpsMetadata"] = "true by default: production discovery is HTTPS",
        ["Logging"] = "the defaults of the service (Warning for ASP.NET Core)",
        ["Services:SignatoriesClient"] = "client timeouts and retries keep their defaults",
        ["Database:ApplyMigrationsOnStart"] = "set explicitly to false",
        ["Reporting:ReplaySources"] = "replays go through Dapr service invocation in the cluster",
        ["Telemetry"] = "OTEL_EXPORTER_OTLP_ENDPOINT is set; the rest keeps its defaults",
        ["Funding:ParametersDirectory"] = "the barèmes shipped in the image",
        ["DAPR_GRPC_PORT"] = "injected by daprd into the app container",
        ["DAPR_HTTP_PORT"] = "injected by daprd into the app container",
        ["DAPR_GRPC_ENDPOINT"] = "not needed: daprd runs in the pod and injects DAPR_GRPC_PORT",
        ["DAPR_HTTP_ENDPOINT"] = "not needed: daprd runs in the pod and injects DAPR_HTTP_PORT",
        ["Dapr:GrpcEndpoint"] = "derived from DAPR_GRPC_PORT",
        ["Dapr:HttpEndpoint"] = "derived from DAPR_HTTP_PORT",
        ["Dapr:ApiToken"] = "DAPR_API_TOKEN is set (from the secret dapr-api-token)",
        ["Dapr:AppApiToken"] = "APP_API_TOKEN is set (from the secret app-api-token)",
        ["Dapr:*"] = "publisher tuning (poll, retries, timeouts, batch): the defaults are the production values",
        ["Eventing:LeaseDuration"] = "15 s: how long publishing may pause when the publishing replica dies",
        ["Authentication:ClockSkewSeconds"] = "30 s: the token lifetime tolerance every service shares",
        ["Authentication:KeyRefreshMinutes"] = "the signing keys are re-read from the authority's JWKS on this period and on an unknown key id",
        ["Structures:Import:MaxBytes"] = "64 MiB: the largest CSV import a single call may stream",
        ["Service:*"] = "gRPC transport tuning (message size, keep-alive, compression, health publishing): production defaults",
        ["Services:*"] = "upstream call tuning (deadlines, retries, concurrency): production defaults",
        ["Signatories:LoadDemoDataOnStart"] = "false by default; demo data exists only in development",
    };

    public static TheoryData<string> Apps => new(DaprResourceTests.Apps);

    [GeneratedRegex(@"(?:Configuration|configuration|config)\[\s*""(?<key>[A-Za-z_][A-Za-z0-9_:]*)""\s*\]")]
    private static partial Regex Indexer();

    [GeneratedRegex(@"(?:GetSection|GetValue<[^>]+>|GetConnectionString)\(\s*""(?<key>[A-Za-z_][A-Za-z0-9_:]*)""")]
    private static partial Regex SectionCall();

    [GeneratedRegex(@"const\s+string\s+SectionName\s*=\s*""(?<key>[A-Za-z_][A-Za-z0-9_:]*)""")]
    private static partial Regex OptionsSection();

    [GeneratedRegex(@"public\s+[A-Za-z<>?\[\],. ]+\s+(?<name>[A-Z][A-Za-z0-9]*)\s*\{\s*get;\s*(?:set|init);")]
    private static partial Regex SettableProperty();

    [Theory]
    [MemberData(nameof(Apps))]
    public void Every_setting_the_service_reads_is_set_by_its_manifest_or_documented_as_defaulted(string app)
    {
        var read = KeysReadBy(app);
        var set = EnvironmentOf(app).Select(name => name.Replace("__", ":", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // The collection finds what the services are known to read: it is not vacuous.
        Assert.Contains("Database:Provider", read);
        var missing = read
            .Where(key => !set.Contains(key) && !IsDefaulted(key) && !set.Any(s => s.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.True(missing.Length == 0, $"{app} reads settings its manifest does not set: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void The_identity_settings_and_both_dapr_tokens_come_from_the_manifest_tokens_from_secrets(string app)
    {
        var env = Container(app).Items("env").Cast<YamlMappingNode>().ToDictionary(e => e.Text("name"));

        Assert.Equal($"ctg-{app}", env["Authentication__Audience"].Text("value"));
        Assert.Equal("ctg-identity", env["Authentication__Authority"].Text("valueFrom.configMapKeyRef.name"));
        Assert.Equal("dapr-api-token", env["DAPR_API_TOKEN"].Text("valueFrom.secretKeyRef.name"));
        Assert.Equal("app-api-token", env["APP_API_TOKEN"].Text("valueFrom.secretKeyRef.name"));
        var annotations = Deployment(app).Scalars("spec.template.metadata.annotations");
        Assert.Equal("dapr-api-token", annotations["dapr.io/api-token-secret"].Value);
        Assert.Equal("app-api-token", annotations["dapr.io/app-token-secret"].Value);
    }

    [Fact]
    public void Upstream_addresses_use_cluster_dns_of_the_upstream_grpc_port()
    {
        var funding = Container("funding").Items("env").Cast<YamlMappingNode>().ToDictionary(e => e.Text("name"));
        var structures = Container("structures").Items("env").Cast<YamlMappingNode>().ToDictionary(e => e.Text("name"));

        Assert.Equal("http://signatories.ctg.svc.cluster.local:8080", funding["Services__Signatories"].Text("value"));
        Assert.Equal("http://structures.ctg.svc.cluster.local:8080", funding["Services__Structures"].Text("value"));
        Assert.Equal("http://signatories.ctg.svc.cluster.local:8080", structures["Services__Signatories"].Text("value"));
    }

    [Theory]
    [InlineData("k8s/signatories.yaml")]
    [InlineData("k8s/structures.yaml")]
    [InlineData("k8s/funding.yaml")]
    [InlineData("k8s/reporting.yaml")]
    [InlineData("k8s/web.yaml")]
    [InlineData("k8s/migrate-jobs.yaml")]
    public void Pods_run_with_the_runtime_default_seccomp_profile_and_no_service_account_token(string file)
    {
        var pods = Yaml.Documents(file).Where(d => d.Text("kind") is "Deployment" or "Job").ToArray();

        Assert.NotEmpty(pods);
        Assert.All(pods, pod =>
        {
            Assert.Equal("false", pod.Text("spec.template.spec.automountServiceAccountToken"));
            Assert.Equal("RuntimeDefault", pod.Text("spec.template.spec.securityContext.seccompProfile.type"));
            Assert.Equal("true", pod.Text("spec.template.spec.securityContext.runAsNonRoot"));
        });
    }

    [Fact]
    public void The_namespace_denies_by_default_and_every_workload_has_a_disruption_budget()
    {
        var policies = Yaml.Documents("k8s/network-policies.yaml");
        var deny = policies.Single(p => p.Text("metadata.name") == "default-deny");
        Assert.Empty(((YamlMappingNode)deny.Get("spec.podSelector")).Children);
        Assert.Equal(["Ingress", "Egress"], deny.Items("spec.policyTypes").Select(t => ((YamlScalarNode)t).Value!).ToArray());

        var budgets = Yaml.Documents("k8s/pod-disruption-budgets.yaml").ToDictionary(b => b.Text("metadata.name"));
        Assert.Equal(["funding", "reporting", "signatories", "structures", "web"], budgets.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.All(budgets.Values, b => Assert.Equal("policy/v1", b.Text("apiVersion")));
    }

    private static bool IsDefaulted(string key) =>
        Defaulted.ContainsKey(key) || (key.LastIndexOf(':') is var colon and > 0 && Defaulted.ContainsKey(key[..colon] + ":*"));

    private static HashSet<string> KeysReadBy(string app)
    {
        var root = Path.GetDirectoryName(Yaml.DeployDirectory)!;
        var folder = char.ToUpperInvariant(app[0]) + app[1..];
        var sources = Directory.GetFiles(Path.Combine(root, "services", folder), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(root, "services", "BuildingBlocks"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            foreach (var match in Indexer().Matches(text).Concat(SectionCall().Matches(text)))
            {
                keys.Add(match.Groups["key"].Value);
            }

            // An options class: its section and each settable property (Database:Provider...).
            if (OptionsSection().Match(text) is { Success: true } section)
            {
                keys.Add(section.Groups["key"].Value);
                foreach (Match property in SettableProperty().Matches(text))
                {
                    keys.Add($"{section.Groups["key"].Value}:{property.Groups["name"].Value}");
                }
            }
        }

        return keys;
    }

    private static IEnumerable<string> EnvironmentOf(string app) => Container(app).Items("env").Select(e => e.Text("name"));

    private static YamlMappingNode Deployment(string app) => Yaml.Documents($"k8s/{app}.yaml").Single(d => d.Text("kind") == "Deployment");

    private static YamlNode Container(string app) => Deployment(app).Items("spec.template.spec.containers").Single();
}
