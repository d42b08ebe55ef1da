using System.Diagnostics;

namespace Ctg.Eventing.Tests.Deploy;

/// <summary>deploy/k8s validated offline against the Kubernetes OpenAPI schemas, with the kubernetes-models
/// npm package (deploy/validate, installed by <c>make npm</c>): types, enums and required fields of every
/// Deployment, Service, Job, NetworkPolicy, PodDisruptionBudget, ConfigMap and Secret.</summary>
public sealed class KubernetesSchemaTests
{
    private static readonly string ValidateDirectory = Path.Combine(Yaml.DeployDirectory, "validate");

    [Fact]
    public async Task Every_manifest_validates_against_the_kubernetes_schemas()
    {
        var files = Directory.GetFiles(Path.Combine(Yaml.DeployDirectory, "k8s"), "*.yaml").Order(StringComparer.Ordinal).ToArray();

        var (exitCode, output) = await ValidateAsync(files);

        Assert.True(exitCode == 0, output);
        Assert.Contains("ok " + Path.Combine(Yaml.DeployDirectory, "k8s", "funding.yaml") + ": apps/v1 Deployment funding", output, StringComparison.Ordinal);
        Assert.Contains("networking.k8s.io/v1 NetworkPolicy default-deny", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_with_a_wrong_type_is_reported_invalid()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ctg-bad-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: \"two\"\n  selector: {}\n  template:\n    spec:\n      containers:\n        - name: x\n");
        try
        {
            var (exitCode, output) = await ValidateAsync([file]);

            Assert.Equal(1, exitCode);
            Assert.Contains("INVALID", output, StringComparison.Ordinal);
            Assert.Contains("data/spec/replicas must be integer", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(int ExitCode, string Output)> ValidateAsync(IEnumerable<string> files)
    {
        if (!Directory.Exists(Path.Combine(ValidateDirectory, "node_modules", "kubernetes-models")))
        {
            throw new InvalidOperationException($"{ValidateDirectory}/node_modules is missing: run `make npm` (make test does it).");
        }

        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(ValidateDirectory, "validate.js"));
        foreach (var file in files)
        {
            info.ArgumentList.Add(file);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
