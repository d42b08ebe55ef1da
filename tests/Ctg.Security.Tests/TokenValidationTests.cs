using Ctg.Structures.V1;
using Ctg.Testing;
using Grpc.Core;
using Grpc.Health.V1;

namespace Ctg.Security.Tests;

/// <summary>What a service accepts as a token, and what stays open without one.</summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class TokenValidationTests(SecuredPlatform platform)
{
    private static readonly GetStructureRequest AnyStructure = new() { StructureId = "str-inexistante" };

    [Fact]
    public async Task A_valid_token_reaches_the_handler()
    {
        var client = new StructureRegistry.StructureRegistryClient(platform.Structures.ChannelAs("auditeur"));
        var e = await Assert.ThrowsAsync<RpcException>(async () => await client.GetStructureAsync(AnyStructure));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task No_token_is_unauthenticated()
    {
        using var channel = TestChannels.Anonymous(platform.Structures.GrpcAddress);
        var e = await Assert.ThrowsAsync<RpcException>(async () => await new StructureRegistry.StructureRegistryClient(channel).GetStructureAsync(AnyStructure));
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("wrong audience")]
    [InlineData("foreign key")]
    [InlineData("garbage")]
    public async Task A_token_not_for_this_service_is_unauthenticated(string kind)
    {
        var token = kind switch
        {
            // Past the bounded clock skew (30 s): an hour-old expiry.
            "expired" => Callers.Mint("ctg-structures", DateTime.UtcNow.AddHours(-1)),
            "wrong audience" => Callers.Mint("ctg-signatories", DateTime.UtcNow.AddHours(1)),
            "foreign key" => Callers.MintWithForeignKey("ctg-structures"),
            _ => "not-a-jwt",
        };
        using var channel = Callers.ChannelWith(platform.Structures.GrpcAddress, token);
        var e = await Assert.ThrowsAsync<RpcException>(async () => await new StructureRegistry.StructureRegistryClient(channel).GetStructureAsync(AnyStructure));
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }

    [Fact]
    public async Task The_same_claims_signed_by_the_provider_are_accepted()
    {
        using var channel = Callers.ChannelWith(platform.Structures.GrpcAddress, Callers.Mint("ctg-structures", DateTime.UtcNow.AddHours(1)));
        var e = await Assert.ThrowsAsync<RpcException>(async () => await new StructureRegistry.StructureRegistryClient(channel).GetStructureAsync(AnyStructure));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task A_role_the_policy_does_not_admit_is_permission_denied()
    {
        var client = new StructureRegistry.StructureRegistryClient(platform.Structures.ChannelAs("ordonnateur"));
        var e = await Assert.ThrowsAsync<RpcException>(async () => await client.RegisterStructureAsync(new RegisterStructureRequest()));
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
    }

    [Fact]
    public async Task Health_answers_without_a_token()
    {
        using var channel = TestChannels.Anonymous(platform.Funding.GrpcAddress);
        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task The_app_channel_port_takes_no_user_token()
    {
        using var http = new HttpClient { BaseAddress = platform.Reporting.HttpAddress };
        using var subscribe = await http.GetAsync("/dapr/subscribe");
        Assert.Equal(System.Net.HttpStatusCode.OK, subscribe.StatusCode);
        using var health = await http.GetAsync("/healthz");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }
}
