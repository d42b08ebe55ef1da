using Ctg.DataGen;
using Ctg.Signatories.V1;
using Ctg.Structures.V1;

namespace Ctg.FundingBench;

/// <summary>The platform with the demo data (the demo users' conventions and structures) and the national data
/// set loaded through the services' APIs, or started from the cache of an earlier identical load.</summary>
public static class NationalSetup
{
    public sealed record Loaded(BenchPlatform Platform, DevToken Token, LoadReport Load, bool FromCache);

    public static async Task<Loaded> StartAsync(NationalDataSet data, int seed, bool withWeb, bool reload, TextWriter output)
    {
        var cache = LoadCache.For(seed);
        var useCache = cache.Exists && !reload;
        var platform = await BenchPlatform.StartAsync(withWeb, useCache ? cache : null);
        try
        {
            var token = await DevToken.PasswordGrantAsync(platform.Identity, BenchPlatform.BenchLogin, BenchPlatform.BenchPassword);
            if (useCache)
            {
                var cached = cache.ReadReport();
                output.WriteLine($"  chargement : repris de {Path.GetRelativePath(RepositoryPaths.Root, cache.Directory)} (chargement mesuré au premier passage : {NationalAllocationBenchmark.S(cached.Total)} ; --reload pour recharger)");
                return new Loaded(platform, token, cached, FromCache: true);
            }

            output.WriteLine("  chargement par les API des services (signatories : RPC unitaires ; structures : ImportCsv en flux) :");
            var (signatoriesChannel, signatories) = token.Channel(platform.Grpc("signatories"));
            var (structuresChannel, structures) = token.Channel(platform.Grpc("structures"));
            using (signatoriesChannel)
            using (structuresChannel)
            {
                await new Conventions.ConventionsClient(signatories).LoadDemoDataAsync(new Ctg.Signatories.V1.LoadDemoDataRequest());
                await new StructureImport.StructureImportClient(structures).LoadDemoDataAsync(new Ctg.Structures.V1.LoadDemoDataRequest());
                var load = await new NationalLoader(data, signatories, structures).LoadAsync(output);
                cache.Save(platform.DataDirectory, load);
                return new Loaded(platform, token, load, FromCache: false);
            }
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }
}
