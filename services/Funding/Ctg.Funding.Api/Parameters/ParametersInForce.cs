using System.Collections.Concurrent;
using Ctg.Funding.Engine;
using Ctg.Funding.Engine.Parameters.Loading;

namespace Ctg.Funding.Api.Parameters;

/// <summary>The engine on a parameter set: its number (0 = shipped), the version text runs record, the engine.</summary>
public sealed record ActiveParameters(int Number, string Version, FundingEngine Engine);

/// <summary>
/// Which parameter set a computation uses: the one in force today, asked of the database on every computation
/// so that a set loaded by any replica is used by the next computation, without a restart. Stored sets never
/// change, so each set's engine is built once and kept.
/// </summary>
public sealed class ParametersInForce(ParameterSetStore store, ShippedParameters shipped, TimeProvider clock)
{
    private readonly ConcurrentDictionary<int, ActiveParameters> _engines = new();

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<ActiveParameters> CurrentAsync(CancellationToken ct) => await GetAsync(await store.NumberInForceAsync(Today, ct), ct);

    /// <summary>The engine of set <paramref name="number"/>; null when no such set was loaded.</summary>
    public async Task<ActiveParameters?> FindAsync(int number, CancellationToken ct)
    {
        if (number == 0 || _engines.ContainsKey(number)) return await GetAsync(number, ct);
        return await store.FindAsync(number, ct) is null ? null : await GetAsync(number, ct);
    }

    public async Task<IReadOnlyList<(string RelativePath, string Yaml)>> FilesAsync(int number, CancellationToken ct) =>
        number == 0 ? shipped.Files : await store.FilesAsync(number, ct);

    private async Task<ActiveParameters> GetAsync(int number, CancellationToken ct)
    {
        if (_engines.TryGetValue(number, out var known)) return known;
        var set = number == 0 ? shipped.Set : ParameterLoader.LoadFromTexts(await store.FilesAsync(number, ct));
        return _engines.GetOrAdd(number, new ActiveParameters(number, number == 0 ? shipped.Version : "set:" + number, new FundingEngine(set)));
    }
}
