using System.Reflection;
using Ctg.Funding.Api;
using Ctg.Reporting;
using Ctg.Signatories;
using Ctg.Structures;
using Ctg.Structures.Shared;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Ctg.Security.Tests;

/// <summary>Every RPC the platform serves, found by reflection: the generated service classes of the
/// contracts (their static Descriptor), each implementation class in a service assembly, and the policy
/// its endpoint method declares. Nothing here is a hand-kept list: a new RPC shows up by itself.</summary>
public static class RpcCatalog
{
    public sealed record Rpc(ServiceDescriptor Service, MethodDescriptor Method, Type? Implementation, string? Policy)
    {
        public string FullName => $"{Service.FullName}/{Method.Name}";

        public override string ToString() => FullName;
    }

    public static readonly Assembly[] ServiceAssemblies =
        [typeof(SignatoriesApp).Assembly, typeof(StructuresApp).Assembly, typeof(FundingApp).Assembly, typeof(ReportingApp).Assembly];

    /// <summary>The service assemblies and the platform assemblies they use (a shared gRPC service such as
    /// the audit log lives in a building block and is mapped by every service).</summary>
    private static readonly Assembly[] Searched = [.. ServiceAssemblies
        .SelectMany(a => a.GetReferencedAssemblies())
        .Where(name => name.Name?.StartsWith("Ctg.", StringComparison.Ordinal) == true)
        .Select(Assembly.Load)
        .Concat(ServiceAssemblies)
        .Distinct()];

    public static IReadOnlyList<Rpc> All { get; } = Discover();

    private static List<Rpc> Discover()
    {
        var implementations = Searched.SelectMany(a => a.GetTypes()).Where(t => t is { IsClass: true, IsAbstract: false }).ToList();
        var rpcs = new List<Rpc>();
        foreach (var generated in typeof(Ctg.Funding.V1.AllocationRuns).Assembly.GetTypes().Where(t => t is { IsAbstract: true, IsSealed: true }))
        {
            if (generated.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is not ServiceDescriptor service)
            {
                continue;
            }

            var serviceBase = generated.GetNestedTypes().SingleOrDefault(t => t.GetCustomAttribute<BindServiceMethodAttribute>() is not null);
            var implementation = serviceBase is null ? null : implementations.SingleOrDefault(t => t.IsSubclassOf(serviceBase));
            if (implementation is null)
            {
                continue; // a contract no service implements (yet) serves nothing
            }

            foreach (var method in service.Methods)
            {
                var endpoint = implementation.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                    .SingleOrDefault(m => m.Name == method.Name && m.DeclaringType == implementation);
                var policy = endpoint?.GetCustomAttribute<AuthorizeAttribute>()?.Policy;
                rpcs.Add(new Rpc(service, method, endpoint is null ? null : implementation, policy));
            }
        }

        return rpcs;
    }
}
