using Ctg.Application;
using Ctg.Audit.V1;
using Ctg.Data;
using Ctg.Eventing;
using Ctg.ServiceDefaults;
using Ctg.Testing;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;

namespace Ctg.Security.Tests;

/// <summary>A call refused by authentication or authorization leaves a row in the service's audit log
/// (who, what), and nothing else.</summary>
public sealed class RefusedCallAuditTests
{
    /// <summary>A service with the write path's audit log and nothing else, built like the real ones.</summary>
    private static WebApplication BuildAuditedService(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("signatories"); // audience ctg-signatories: the demo users' tokens are valid here
        builder.Services.AddServiceDatabase(builder.Configuration, "audited", typeof(OutboxWriter).Assembly);
        builder.Services.AddEventing(builder.Configuration, "signatories");
        builder.Services.AddCommandPipeline();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapAuditLog();
        return app;
    }

    [Fact]
    public async Task A_refused_call_is_audited_with_the_caller_and_the_rpc()
    {
        await using var service = await ServiceUnderTest.StartAsync(BuildAuditedService);

        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await new AuditLog.AuditLogClient(service.ChannelAs("financier")).QueryAuditAsync(new QueryAuditRequest()));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        using var anonymous = TestChannels.Anonymous(service.GrpcAddress);
        var unauthenticated = await Assert.ThrowsAsync<RpcException>(async () =>
            await new AuditLog.AuditLogClient(anonymous).QueryAuditAsync(new QueryAuditRequest()));
        Assert.Equal(StatusCode.Unauthenticated, unauthenticated.StatusCode);

        var log = await new AuditLog.AuditLogClient(service.ChannelAs("auditeur")).QueryAuditAsync(new QueryAuditRequest());

        Assert.Equal(2, log.Records.Count);
        var refused = log.Records[0];
        Assert.Equal("financier", refused.Subject);
        Assert.Equal("Claire Martin", refused.DisplayName);
        Assert.Equal(["ctg.finance_officer"], refused.Roles);
        Assert.Equal("ctg-cli", refused.ClientId);
        Assert.Equal("ctg.audit.v1.AuditLog/QueryAudit", refused.Command);
        Assert.Equal("access_denied", refused.Outcome);
        Assert.Equal("The caller's roles or scopes do not allow this call at ctg-signatories.", refused.Detail);
        var nobody = log.Records[1];
        Assert.Equal("anonymous", nobody.Subject);
        Assert.Empty(nobody.Roles);
        Assert.Equal("unauthenticated", nobody.Outcome);
        Assert.Equal("ctg.audit.v1.AuditLog/QueryAudit", nobody.Command);
    }
}
