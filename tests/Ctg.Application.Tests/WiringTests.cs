using Ctg.Application.Commands;
using Ctg.Application.Tests.Support;
using Ctg.Data;
using Ctg.Eventing;
using Ctg.ServiceDefaults.Security;
using Ctg.Testing;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ctg.Application.Tests;

/// <summary>What a service gets from one AddCommandPipeline line, and the gRPC-side entry point.</summary>
public sealed class WiringTests
{
    [Fact]
    public async Task AddCommandPipeline_adds_its_migrations_once_and_a_runnable_pipeline()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ctg-application-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = directory }).Build();
            var services = new ServiceCollection().AddLogging();
            // A service that already lists the Application assembly must not get its migrations twice.
            services.AddServiceDatabase(configuration, "wiring", typeof(OutboxWriter).Assembly, typeof(CommandPipeline).Assembly);
            services.AddEventing(configuration, "wiring");
            services.AddCommandPipeline();
            await using var provider = services.BuildServiceProvider();

            var migrations = provider.GetRequiredService<ServiceMigrations>().All;
            Assert.Equal(["9001 outbox_inbox", "9002 outbox_parking_lease", "9101 audit_log", "9102 idempotency_keys"], migrations.Select(m => $"{m.Version} {m.Name}"));
            await provider.GetRequiredService<MigrationRunner>().ApplyAsync(migrations, CancellationToken.None);
            var pipeline = provider.GetRequiredService<ICommandPipeline>();
            var answer = await pipeline.ExecuteAsync(new CommandInfo("wiring.Noop", new Empty(), CallerIdentity.Anonymous), _ => Task.FromResult(42), CancellationToken.None);

            Assert.Equal(42, answer);
            Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_grpc_endpoint_runs_a_command_as_its_caller_and_replays_it_by_client_request_id()
    {
        await using var harness = await PipelineHarness.SqliteAsync();
        var call = new TestCallContext();
        call.UserState["__HttpContext"] = new DefaultHttpContext();
        var request = new StringValue { Value = "w-1|Bleu" };

        var first = await harness.Pipeline.ExecuteAsync(call, "test.CreateWidget", request,
            context => PipelineHarness.CreateWidgetAsync(context, "w-1", "Bleu"), clientRequestId: "req-9", "w-1");
        var again = await harness.Pipeline.ExecuteAsync(call, "test.CreateWidget", request,
            context => PipelineHarness.CreateWidgetAsync(context, "w-1", "Bleu"), clientRequestId: "req-9", "w-1");

        Assert.Equal(("w-1", "w-1"), (first.Value, again.Value));
        var entry = Assert.Single(await harness.AuditAsync());
        Assert.Equal(("anonymous", "anonyme", "w-1"), (entry.Subject, entry.DisplayName, string.Join(' ', entry.TargetIds)));
        Assert.Equal(1, await harness.CountAsync("widgets"));
    }
}
