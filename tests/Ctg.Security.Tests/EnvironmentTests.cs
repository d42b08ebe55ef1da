using Ctg.Signatories;
using Ctg.Signatories.V1;
using Ctg.Testing;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;

namespace Ctg.Security.Tests;

/// <summary>What depends on the environment: reflection is open only in Development, demo data loading
/// exists only there.</summary>
public sealed class EnvironmentTests
{
    [Fact]
    public async Task In_development_reflection_is_open_and_any_authenticated_caller_may_load_demo_data()
    {
        await using var service = await ServiceUnderTest.StartAsync(SignatoriesApp.Build);
        Assert.Contains("ctg.signatories.v1.Conventions", await ListServicesAsync(TestChannels.Anonymous(service.GrpcAddress)));
        var loaded = await new Conventions.ConventionsClient(service.ChannelAs("gestionnaire")).LoadDemoDataAsync(new LoadDemoDataRequest());
        Assert.Equal(5, loaded.LoadedConventionIds.Count);
    }

    [Fact]
    public async Task Outside_development_reflection_needs_a_token_and_demo_data_is_refused_even_to_an_administrator()
    {
        await using var service = await ServiceUnderTest.StartAsync(SignatoriesApp.Build, new() { ["environment"] = "Production" });
        var anonymous = await Assert.ThrowsAsync<RpcException>(() => ListServicesAsync(TestChannels.Anonymous(service.GrpcAddress)));
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        Assert.Contains("ctg.signatories.v1.Conventions", await ListServicesAsync(service.ChannelAs("auditeur")));

        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Conventions.ConventionsClient(service.ChannelAs("admin")).LoadDemoDataAsync(new LoadDemoDataRequest()));
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
    }

    [Fact]
    public void The_development_identity_provider_refuses_to_start_outside_development()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Ctg.DevIdentity.DevIdentityApp.Build(["--environment=Production"]));
        Assert.StartsWith("Ctg.DevIdentity is a development identity provider with demo passwords; it refuses to start in the 'Production' environment.", e.Message);
    }

    private static async Task<List<string>> ListServicesAsync(Grpc.Net.Client.GrpcChannel channel)
    {
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return [.. call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name)];
    }
}
