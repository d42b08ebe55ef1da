using Ctg.Data;
using Ctg.Structures.V1;
using Dapper;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Ctg.Structures.Tests;

/// <summary>The SQLite page cache an import enlarges is native memory of the service held by a pooled connection:
/// it must be put back once the import ends, whether it committed or was refused.</summary>
public sealed class ImportCacheTests
{
    // SQLite's compiled-in default (2,000 KiB), which the service's connections otherwise keep.
    private const long DefaultCacheSize = -2000;

    [Fact]
    public async Task After_an_import_committed_or_refused_no_pooled_connection_keeps_the_import_cache()
    {
        await using var h = await StructuresHarness.StartAsync();
        await h.Import.ImportAsync(ImportKind.Structures, Csv.Utf8(Csv.StructureHeader, Csv.Alsh("str-alsh-a", "ALSH A")));
        var refused = await Assert.ThrowsAsync<RpcException>(() => h.Import.ImportAsync(ImportKind.Structures,
            Csv.Utf8(Csv.StructureHeader, Csv.Alsh("str-alsh-b", "ALSH B"), Csv.Alsh("str-alsh-b", "ALSH B bis"))));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);

        // Open more connections at once than the imports used, so that every pooled one is among them.
        var factory = h.Service.Services.GetRequiredService<IDbConnectionFactory>();
        var connections = new List<System.Data.Common.DbConnection>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                connections.Add(await factory.OpenAsync(CancellationToken.None));
            }

            foreach (var connection in connections)
            {
                Assert.Equal(DefaultCacheSize, await connection.ExecuteScalarAsync<long>("PRAGMA cache_size"));
            }
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
