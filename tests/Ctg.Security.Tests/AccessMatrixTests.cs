using Ctg.ServiceDefaults.Security;
using Ctg.Testing;
using Grpc.Core;

namespace Ctg.Security.Tests;

/// <summary>
/// Every RPC × every demo user, the demo partner and no token: UNAUTHENTICATED without a token (or with a
/// token not meant for that service), PERMISSION_DENIED from the policy when the catalog does not admit
/// the caller, anything else when it does (the minimal request may well be INVALID_ARGUMENT or NOT_FOUND:
/// what matters is that authorization let it through).
/// </summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class AccessMatrixTests(SecuredPlatform platform)
{
    [Fact]
    public async Task Every_rpc_answers_every_caller_as_its_policy_says()
    {
        var callers = new List<(string Name, string? Token)> { ("no token", null), (Callers.Partner, await Callers.PartnerTokenAsync()) };
        foreach (var user in Callers.DemoUsers)
        {
            callers.Add((user, await TestIdentity.Shared.AccessTokenAsync(user)));
        }

        var mismatches = new List<string>();
        var checkedCalls = 0;
        foreach (var rpc in RpcCatalog.All.Where(r => r.Implementation is not null && r.Policy is not null))
        {
            foreach (var (serviceName, service) in platform.Hosting(rpc.Implementation!))
            {
                foreach (var (name, token) in callers)
                {
                    using var channel = token is null ? TestChannels.Anonymous(service.GrpcAddress) : Callers.ChannelWith(service.GrpcAddress, token);
                    var status = await RawCall.InvokeAsync(channel, rpc.Method);
                    var expected = Expected(rpc.Policy!, serviceName, token);
                    // This service's own refusals name its audience: a PERMISSION_DENIED a handler decides (four-eyes)
                    // or a status relayed from an upstream service is not a refusal by this RPC's policy.
                    var audience = "ctg-" + serviceName;
                    var actual = status.StatusCode == StatusCode.PermissionDenied && status.Detail == GrpcAuthorizationResultHandler.PermissionDeniedMessage(audience) ? "denied by policy"
                        : status.StatusCode == StatusCode.Unauthenticated && status.Detail == GrpcAuthorizationResultHandler.UnauthenticatedMessage(audience) ? "unauthenticated"
                        : "not denied";
                    checkedCalls++;
                    if (actual != expected)
                    {
                        mismatches.Add($"{rpc.FullName} at {serviceName} as {name}: expected {expected}, got {status.StatusCode} \"{status.Detail}\"");
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {checkedCalls} calls:\n" + string.Join('\n', mismatches));
        Assert.True(checkedCalls >= 8 * 50, $"only {checkedCalls} calls checked");
    }

    private static string Expected(string policy, string serviceName, string? token)
    {
        if (token is null || !Callers.AudiencesOf(token).Contains("ctg-" + serviceName))
        {
            return "unauthenticated";
        }

        return PolicyCatalog.Admits(policy, Callers.IdentityOf(token)) ? "not denied" : "denied by policy";
    }
}
