using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Ctg.Testing;
using Google.Protobuf;
using Grpc.Core;

namespace Ctg.Structures.Tests;

/// <summary>The dry run on PostgreSQL: its rollback leaves the production database untouched too.</summary>
[Trait("Category", "Postgres")]
public sealed class DryRunPostgresTests
{
    [PostgresFact]
    public async Task A_dry_run_with_preceding_files_writes_nothing_on_postgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var h = await StructuresHarness.StartAsync(new()
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = database.ConnectionString,
        });
        var before = await h.SnapshotAsync();
        var request = new ImportCsvRequest
        {
            Options = new ImportOptions { Kind = ImportKind.References, DryRun = true },
            Content = ByteString.CopyFrom(Csv.Utf8(Csv.ReferenceHeader, "str-new;2018;8244200;places;30;")),
            PrecedingFiles =
            {
                new ImportCsvRequest { Options = new ImportOptions { Kind = ImportKind.Structures }, Content = ByteString.CopyFrom(Csv.Utf8(Csv.StructureHeader, Csv.Eaje("str-new", "Nouvelle crèche"))) },
            },
        };

        using var call = h.Import.ImportCsvWithProgress(request);
        var phases = new List<ImportProgress>();
        await foreach (var step in call.ResponseStream.ReadAllAsync())
        {
            phases.Add(step);
        }

        Assert.Equal("checked", phases[^1].Phase);
        Assert.Equal((1, 1), (phases[^1].Report.RowsRead, phases[^1].Report.RowsImported));
        Assert.Equal(before, await h.SnapshotAsync());
        Assert.Empty(await h.OutboxAsync());
    }
}
