using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace Ctg.Web.Importing;

/// <summary>
/// Keeps a checked batch on the server (never in the page) until its author confirms it: the confirmation
/// posts only a random id, so the files imported are exactly the files the dry run passed. A batch belongs to
/// the person who sent it and lasts 30 minutes.
/// </summary>
public sealed class ImportBatchStore(IDistributedCache cache)
{
    private static readonly DistributedCacheEntryOptions Lifetime = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(30) };

    public async Task<string> SaveAsync(string subject, ImportBatch batch, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        await cache.SetAsync(Key(subject, id), JsonSerializer.SerializeToUtf8Bytes(batch), Lifetime, cancellationToken);
        return id;
    }

    public async Task<ImportBatch?> TakeAsync(string subject, string id, CancellationToken cancellationToken)
    {
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower)) return null;
        var bytes = await cache.GetAsync(Key(subject, id), cancellationToken);
        if (bytes is null) return null;
        await cache.RemoveAsync(Key(subject, id), cancellationToken);
        return JsonSerializer.Deserialize<ImportBatch>(bytes);
    }

    private static string Key(string subject, string id) => $"ctg.import:{subject}:{id}";
}
