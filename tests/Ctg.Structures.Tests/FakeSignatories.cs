using Ctg.Signatories.V1;
using Ctg.Structures.Shared;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ctg.Structures.Tests;

/// <summary>A real gRPC server (Kestrel, h2c, loopback) implementing the signatories directory, so the
/// structures service is tested through its real client, deadline and retry pipeline. Ids containing
/// "unknown" do not exist; ids are those of the signatories demo data ("ctg-39-jura-nord-2019-cc-jura-nord",
/// "ctg-25-pma-2023-commune-25031"...), each belonging to its convention; the conventions of ids containing
/// "hidden" are not readable by the caller (NOT_FOUND, as signatories answers for another CAF's convention).</summary>
public sealed class FakeSignatories : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeSignatories(WebApplication app, Uri address, Directory directory)
    {
        _app = app;
        Address = address;
        State = directory;
    }

    public Uri Address { get; }

    public Directory State { get; }

    public static async Task<FakeSignatories> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var directory = new Directory();
        builder.Services.AddSingleton(directory);
        var app = builder.Build();
        app.MapGrpcService<DirectoryService>();
        app.MapGrpcService<ConventionsService>();
        await app.StartAsync();
        // Port 0: the OS picks a free port at bind time, so parallel tests never race for one.
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single();
        return new FakeSignatories(app, new Uri(address), directory);
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public static string ConventionOf(string signatoryId) =>
        signatoryId.StartsWith("ctg-39-jura-nord-2019-", StringComparison.Ordinal) ? "ctg-39-jura-nord-2019"
        : signatoryId.StartsWith("ctg-25-pma-2023-", StringComparison.Ordinal) ? "ctg-25-pays-de-montbeliard-2023"
        : "ctg-test-" + signatoryId;

    /// <summary>The CAF of a test convention: CAF du Jura for Jura Nord, CAF du Doubs for the Pays de Montbéliard, else "99".</summary>
    public static string CafOf(string conventionId) =>
        conventionId.StartsWith("ctg-39-", StringComparison.Ordinal) ? "39" : conventionId.StartsWith("ctg-25-", StringComparison.Ordinal) ? "25" : "99";

    public sealed class Directory
    {
        private int _calls;

        public int Calls => _calls;

        /// <summary>How long each answer takes (to exercise the deadline).</summary>
        public TimeSpan Delay { get; set; }

        public int Count() => Interlocked.Increment(ref _calls);
    }

    private sealed class DirectoryService(Directory directory) : SignatoryDirectory.SignatoryDirectoryBase
    {
        public override async Task<SignatoryView> GetSignatory(GetSignatoryRequest request, ServerCallContext context)
        {
            directory.Count();
            if (directory.Delay > TimeSpan.Zero)
            {
                await Task.Delay(directory.Delay, context.CancellationToken);
            }

            if (request.SignatoryId.Contains("unknown", StringComparison.Ordinal))
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"Signatory '{request.SignatoryId}' does not exist."));
            }

            return new SignatoryView
            {
                SignatoryId = request.SignatoryId,
                ConventionId = ConventionOf(request.SignatoryId),
                Name = "Signatory " + request.SignatoryId,
                Kind = SignatoryKind.Epci,
                ConventionStatus = ConventionStatus.Active,
            };
        }
    }

    private sealed class ConventionsService : Conventions.ConventionsBase
    {
        public override Task<Convention> GetConvention(GetConventionRequest request, ServerCallContext context) =>
            request.ConventionId.Contains("hidden", StringComparison.Ordinal)
                ? throw new RpcException(new Status(StatusCode.NotFound, $"Convention '{request.ConventionId}' does not exist."))
                : Task.FromResult(new Convention { ConventionId = request.ConventionId, CafDepartement = CafOf(request.ConventionId), Name = "CTG " + request.ConventionId });
    }
}
