using Ctg.Audit.V1;
using Ctg.Reporting.Tests.Support;
using Ctg.Reporting.V1;
using Ctg.Testing;
using Grpc.Core;

namespace Ctg.Reporting.Tests.Functional;

/// <summary>RebuildReadModel runs its wipe as a command of the write path: audited with the administrator who
/// asked, and idempotent with a client request id (a retry does not wipe again; another request under the
/// same id is ALREADY_EXISTS). No replay source answers here, so each call ends UNAVAILABLE after its wipe.</summary>
public sealed class RebuildCommandTests
{
    [Fact]
    public async Task The_wipe_is_audited_and_a_retried_request_id_does_not_wipe_again()
    {
        await using var service = await ServiceUnderTest.StartAsync(ReportingApp.Build);
        using var delivery = new DirectDelivery(service.HttpAddress);
        var admin = new Reporting.V1.Reporting.ReportingClient(service.ChannelAs("admin"));
        var staff = new Reporting.V1.Reporting.ReportingClient(service.Channel);
        async Task<long> DocumentsAsync() =>
            (await staff.GetReadModelStatsAsync(new GetReadModelStatsRequest())).Tables.Single(t => t.Table == "rm_convention_documents").Rows;
        var request = new RebuildReadModelRequest { ReadModel = ReadModel.ConventionDocuments, ClientRequestId = "rebuild-2026-12-02" };

        await delivery.DeliverAllAsync([ConventionDocumentsScenario.Annexes()]);
        var first = await Assert.ThrowsAsync<RpcException>(() => admin.RebuildReadModelAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, first.StatusCode);
        Assert.Equal(0, await DocumentsAsync());

        await delivery.DeliverAllAsync([ConventionDocumentsScenario.Annexes()]);
        var retried = await Assert.ThrowsAsync<RpcException>(() => admin.RebuildReadModelAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, retried.StatusCode);
        Assert.Equal(1, await DocumentsAsync());

        var reused = await Assert.ThrowsAsync<RpcException>(() => admin.RebuildReadModelAsync(
            new RebuildReadModelRequest { ReadModel = ReadModel.All, ClientRequestId = request.ClientRequestId }).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, reused.StatusCode);

        var audit = await new AuditLog.AuditLogClient(service.ChannelAs("auditeur")).QueryAuditAsync(new QueryAuditRequest { TargetId = "ConventionDocuments" });
        var record = Assert.Single(audit.Records);
        Assert.Equal(("reporting.RebuildReadModel", "succeeded", "Luc Moreau"), (record.Command, record.Outcome, record.DisplayName));
    }
}
