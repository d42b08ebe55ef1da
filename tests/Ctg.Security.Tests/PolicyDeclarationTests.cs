using Ctg.ServiceDefaults.Security;

namespace Ctg.Security.Tests;

/// <summary>An RPC without a declared policy (or with an unknown one) fails here, by name.</summary>
public sealed class PolicyDeclarationTests
{
    [Fact]
    public void Every_rpc_of_every_service_is_implemented_and_declares_a_policy_of_the_catalog()
    {
        var missing = RpcCatalog.All
            .Where(rpc => rpc.Implementation is null || rpc.Policy is null || !PolicyCatalog.Rules.ContainsKey(rpc.Policy))
            .Select(rpc => $"{rpc.FullName}: {(rpc.Implementation is null ? "not implemented" : rpc.Policy is null ? "no [Authorize(Policy = ...)]" : $"unknown policy '{rpc.Policy}'")}")
            .ToList();

        Assert.True(missing.Count == 0, "RPCs without a valid policy:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void The_catalog_finds_the_rpcs_of_the_four_services()
    {
        var services = RpcCatalog.All.Select(r => r.Service.FullName).Distinct().Order().ToList();
        Assert.Contains("ctg.signatories.v1.Conventions", services);
        Assert.Contains("ctg.structures.v1.StructureRegistry", services);
        Assert.Contains("ctg.funding.v1.AllocationRuns", services);
        Assert.Contains("ctg.reporting.v1.Reporting", services);
        Assert.Equal(CtgPolicies.FundingApprove, RpcCatalog.All.Single(r => r.FullName == "ctg.funding.v1.AllocationRuns/ApproveRun").Policy);
        Assert.Equal(CtgPolicies.DevelopmentOnly, RpcCatalog.All.Single(r => r.FullName == "ctg.signatories.v1.Conventions/LoadDemoData").Policy);
        Assert.Equal(CtgPolicies.Administration, RpcCatalog.All.Single(r => r.FullName == "ctg.reporting.v1.Reporting/RebuildReadModel").Policy);
    }
}
