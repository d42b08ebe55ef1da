using System.Text;
using Ctg.Data;
using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Ctg.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Ctg.Structures.Tests;

/// <summary>The structures service on real loopback sockets, wired to a real (test) signatories gRPC server.</summary>
public sealed class StructuresHarness : IAsyncDisposable
{
    private StructuresHarness(FakeSignatories signatories, ServiceUnderTest service)
    {
        Signatories = signatories;
        Service = service;
        Registry = new StructureRegistry.StructureRegistryClient(service.Channel);
        Declarations = new ActivityDeclarations.ActivityDeclarationsClient(service.Channel);
        References = new CejReferences.CejReferencesClient(service.Channel);
        Import = new StructureImport.StructureImportClient(service.Channel);
    }

    public FakeSignatories Signatories { get; }

    public ServiceUnderTest Service { get; }

    public StructureRegistry.StructureRegistryClient Registry { get; }

    public ActivityDeclarations.ActivityDeclarationsClient Declarations { get; }

    public CejReferences.CejReferencesClient References { get; }

    public StructureImport.StructureImportClient Import { get; }

    public static async Task<StructuresHarness> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var signatories = await FakeSignatories.StartAsync();
        var all = new Dictionary<string, string?>(settings ?? [])
        {
            ["Services:Signatories"] = signatories.Address.ToString(),
            ["Services:SignatoriesClient:Deadline"] = "00:00:05", // generous: the test machine is shared
            ["Services:SignatoriesClient:RetryDelay"] = "00:00:00.050",
            // No sidecar: events stay in the outbox, where the tests read them (and none reach a bus
            // another program may be running on this machine).
            ["Dapr:HttpEndpoint"] = "http://127.0.0.1:9",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var service = await ServiceUnderTest.StartAsync(StructuresApp.Build, all);
        return new StructuresHarness(signatories, service);
    }

    /// <summary>Every row of every table of the service (but the migration journal and the audit log, where a
    /// refused attempt is recorded on purpose), in a stable order: two equal snapshots mean nothing was written.</summary>
    public async Task<string> SnapshotAsync()
    {
        var factory = Service.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        var tables = factory.Dialect == SqlDialect.Sqlite
            ? await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            : await connection.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
        var text = new StringBuilder();
        // The outbox lease changes hands on its own (publisher bookkeeping), whatever the request did.
        foreach (var table in tables.Where(t => t is not ("schema_migrations" or "audit_log" or "audit_log_targets" or "outbox_lease")))
        {
            var rows = (await connection.QueryAsync($"SELECT * FROM {table}"))
                .Select(r => string.Join("|", ((IDictionary<string, object?>)r)
                    .Where(kv => !(table == "outbox" && kv.Key is "attempts" or "published_at")) // the publisher's bookkeeping
                    .Select(kv => $"{kv.Key}={kv.Value}")))
                .Order(StringComparer.Ordinal)
                .ToList();
            text.Append("## ").Append(table).Append(' ').Append(rows.Count).AppendLine();
            foreach (var row in rows)
            {
                text.AppendLine(row);
            }
        }

        return text.ToString();
    }

    /// <summary>The events in the outbox, oldest first.</summary>
    public async Task<List<(string Topic, System.Text.Json.JsonElement Data)>> OutboxAsync()
    {
        var factory = Service.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<(string Topic, string Data)>("SELECT topic, data FROM outbox ORDER BY sequence");
        return rows.Select(r => (r.Topic, System.Text.Json.JsonDocument.Parse(r.Data).RootElement.Clone())).ToList();
    }

    /// <summary>The audit log, oldest first: "command outcome" per record.</summary>
    public async Task<List<string>> AuditAsync()
    {
        var factory = Service.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<(string Command, string Outcome)>("SELECT command, outcome FROM audit_log ORDER BY sequence");
        return rows.Select(r => $"{r.Command} {r.Outcome}").ToList();
    }

    public async Task<long> CountAsync(string table)
    {
        var factory = Service.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Signatories.DisposeAsync();
    }
}
