using Ctg.Web.Importing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Ctg.Web.Tests.Unit;

public sealed class ImportBatchStoreTests
{
    private static ImportBatchStore NewStore() => new(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));

    private static readonly ImportBatch Batch = new("declarations", true, [new UploadedFile("declarations.csv", [1, 2, 3])]);

    [Fact]
    public async Task A_checked_batch_is_given_back_once_to_its_author_only()
    {
        var store = NewStore();
        var id = await store.SaveAsync("financier", Batch, CancellationToken.None);
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Null(await store.TakeAsync("ordonnateur2", id, CancellationToken.None));
        var taken = await store.TakeAsync("financier", id, CancellationToken.None);
        Assert.NotNull(taken);
        Assert.Equal(("declarations", true, "declarations.csv"), (taken.Type, taken.SkipExisting, taken.Files.Single().Name));
        Assert.Equal(new byte[] { 1, 2, 3 }, taken.Files.Single().Content);
        Assert.Null(await store.TakeAsync("financier", id, CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../etc")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    public async Task An_id_the_store_did_not_give_finds_nothing(string id) =>
        Assert.Null(await NewStore().TakeAsync("financier", id, CancellationToken.None));
}
