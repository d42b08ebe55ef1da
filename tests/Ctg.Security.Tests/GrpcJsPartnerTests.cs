using System.Diagnostics;
using System.Text.Json;
using Ctg.Testing;

namespace Ctg.Security.Tests;

/// <summary>A foreign client (grpc-js, tests/interop/partner.js) gets a token from the development provider
/// with the client credentials grant of <c>partenaire-demo</c> and calls the structures service.</summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class GrpcJsPartnerTests(SecuredPlatform platform)
{
    [Fact]
    public async Task With_a_client_credentials_token_the_call_succeeds()
    {
        var result = await RunAsync(
            $"{platform.Structures.GrpcAddress.Host}:{platform.Structures.GrpcAddress.Port}", TestIdentity.Shared.Authority, Callers.Partner, "partenaire-demo-secret");
        Assert.True(result.GetProperty("token").GetBoolean());
        Assert.Equal("OK", result.GetProperty("status").GetString());
        Assert.Equal(0, result.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Without_a_token_the_call_is_unauthenticated()
    {
        var result = await RunAsync($"{platform.Structures.GrpcAddress.Host}:{platform.Structures.GrpcAddress.Port}");
        Assert.False(result.GetProperty("token").GetBoolean());
        Assert.Equal("UNAUTHENTICATED", result.GetProperty("status").GetString());
        Assert.Equal(16, result.GetProperty("code").GetInt32());
    }

    private static async Task<JsonElement> RunAsync(params string[] arguments)
    {
        var interop = FindInterop();
        if (!Directory.Exists(Path.Combine(interop, "node_modules", "@grpc", "grpc-js")))
        {
            throw new InvalidOperationException($"{interop}/node_modules is missing: run `make npm` (make test does it).");
        }

        var info = new ProcessStartInfo("node") { WorkingDirectory = interop, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        info.ArgumentList.Add("partner.js");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, $"node partner.js exited {process.ExitCode}: {await stderr}");
        return JsonDocument.Parse(await stdout).RootElement.Clone();
    }

    private static string FindInterop()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "interop");
            if (File.Exists(Path.Combine(candidate, "partner.js")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/interop/partner.js not found above " + AppContext.BaseDirectory);
    }
}
