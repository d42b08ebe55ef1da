using Ctg.Structures.Shared;
using Ctg.Structures.V1;
using Ctg.Testing;
using Google.Protobuf;
using Grpc.Core;

namespace Ctg.Structures.Tests;

/// <summary>Runs alone (no other test of this assembly in parallel): it is the heaviest of the assembly. Its speed is
/// measured by the national data load of <c>make bench</c> (funding-service section), not asserted here: a timed test
/// fails on a loaded machine and proves nothing on an idle one.</summary>
[CollectionDefinition(nameof(ImportPerformance), DisableParallelization = true)]
public sealed class ImportPerformance;

[Collection(nameof(ImportPerformance))]
public sealed class ImportPerformanceTests
{
    [Fact]
    public async Task Fifty_thousand_rows_import_with_progress_and_one_collectivity_check()
    {
        await using var h = await StructuresHarness.StartAsync();
        await ImportFiftyThousandAsync(h);
    }

    [PostgresFact]
    [Trait("Category", "Postgres")]
    public async Task Fifty_thousand_rows_import_on_postgres_with_progress()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var h = await StructuresHarness.StartAsync(new()
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = database.ConnectionString,
        });
        await ImportFiftyThousandAsync(h);
    }

    private static async Task ImportFiftyThousandAsync(StructuresHarness h)
    {
        var lines = new List<string>(50_001) { Csv.StructureHeader };
        for (var i = 1; i <= 50_000; i++)
        {
            lines.Add(i % 2 == 0
                ? Csv.Eaje($"str-{i:D6}", $"Crèche n° {i}", dossier: $"DOS-{i:D6}")
                : Csv.Alsh($"str-{i:D6}", $"ALSH n° {i}", commune: i % 3 == 0 ? "Gendrey" : "Rans"));
        }

        var content = Csv.Windows1252([.. lines]);
        using var call = h.Import.ImportCsvWithProgress(new ImportCsvRequest { Options = new ImportOptions { Kind = ImportKind.Structures }, Content = ByteString.CopyFrom(content) });
        var messages = new List<ImportProgress>();
        await foreach (var m in call.ResponseStream.ReadAllAsync())
        {
            messages.Add(m);
        }

        Assert.Equal(50_000, messages[^1].Report.RowsImported);
        Assert.Equal("windows-1252", messages[^1].Report.Encoding);
        Assert.Equal(25, messages.Count(m => m.Phase == "writing" && m.RowsDone > 0));
        Assert.Equal(50_000, await h.CountAsync("structures"));
        Assert.Equal(50_000, await h.CountAsync("structure_versions"));
        Assert.Equal(50_000, await h.CountAsync("outbox"));
        Assert.Equal(1, h.Signatories.State.Calls); // one distinct supporting collectivity, checked once
    }
}
