using System.Data.Common;
using Ctg.Application.Audit;
using Ctg.Application.Commands;
using Ctg.Data;
using Ctg.Eventing;
using Ctg.ServiceDefaults.Security;
using Ctg.Testing;
using Dapper;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ctg.Application.Tests.Support;

/// <summary>A real database (a SQLite file or a fresh PostgreSQL database) with the eventing and
/// write-path migrations plus a one-table test domain (widgets), and the pipeline over it.</summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public const string CreateWidget = "test.CreateWidget";

    private static readonly Migration Widgets = new(1, "widgets", "CREATE TABLE widgets (widget_id TEXT PRIMARY KEY, name TEXT NOT NULL)");

    private readonly string? _directory;
    private readonly PostgresDatabase? _postgres;

    private PipelineHarness(IDbConnectionFactory connections, string? directory, PostgresDatabase? postgres)
    {
        Connections = connections;
        _directory = directory;
        _postgres = postgres;
        Pipeline = new CommandPipeline(connections, new OutboxWriter(new EventSourceName("ctg/test")), Signal, new AuditWriter(), Clock, NullLogger<CommandPipeline>.Instance);
        Reader = new AuditReader(connections);
    }

    public static readonly CallerIdentity Claire = new(
        "user-claire", "Claire Martin", [CtgRoles.FinanceOfficer], "ctg-web", ["39"], [], [], true);

    public IDbConnectionFactory Connections { get; }

    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));

    public CountingSignal Signal { get; } = new();

    public CommandPipeline Pipeline { get; }

    public AuditReader Reader { get; }

    public static async Task<PipelineHarness> SqliteAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ctg-application-tests", Guid.NewGuid().ToString("N"));
        var harness = new PipelineHarness(new SqliteConnectionFactory(Path.Combine(directory, "test.db")), directory, null);
        await harness.MigrateAsync();
        return harness;
    }

    public static async Task<PipelineHarness> PostgresAsync()
    {
        var database = await PostgresDatabase.CreateAsync();
        var harness = new PipelineHarness(database.Factory, null, database);
        await harness.MigrateAsync();
        return harness;
    }

    private async Task MigrateAsync()
    {
        var migrations = MigrationSource.FromAssemblies([typeof(OutboxWriter).Assembly, typeof(CommandPipeline).Assembly], Connections.Dialect)
            .Append(Widgets).OrderBy(m => m.Version).ToArray();
        await new MigrationRunner(Connections, NullLogger<MigrationRunner>.Instance).ApplyAsync(migrations, CancellationToken.None);
    }

    public static CommandInfo Command(string widgetId, string name, string? clientRequestId = null) =>
        new(CreateWidget, new StringValue { Value = widgetId + "|" + name }, Claire) { ClientRequestId = clientRequestId, TargetIds = [widgetId] };

    /// <summary>The handler of the test command: inserts the widget, raises its event, answers its id.</summary>
    public static async Task<StringValue> CreateWidgetAsync(ICommandContext context, string widgetId, string name)
    {
        await context.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO widgets (widget_id, name) VALUES (@Id, @Name)", new { Id = widgetId, Name = name }, context.Transaction));
        context.Raise(WidgetCreated.Topic, new WidgetCreated(widgetId, name) { OccurredAt = context.Now });
        return new StringValue { Value = widgetId };
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    public async Task<IReadOnlyList<(string Topic, string Data)>> OutboxAsync()
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<(string, string)>("SELECT topic, data FROM outbox ORDER BY sequence")).ToArray();
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync() =>
        (await Reader.QueryAsync(new AuditQuery(Limit: 1000), CancellationToken.None)).Entries;

    public async Task<DbConnection> OpenAsync() => await Connections.OpenAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
