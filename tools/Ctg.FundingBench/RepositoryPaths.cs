namespace Ctg.FundingBench;

/// <summary>Where the repository and the built binaries are: the benchmark runs the binaries built with the
/// same configuration as itself (Release under make bench).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string Dll(string project)
    {
        var dll = Path.Combine(Root, project, "bin", Configuration, "net10.0", Path.GetFileName(project) + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Construisez d'abord {project} ({Configuration}) : tools/bench.sh le fait.", dll);
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CtgPlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Lancez le banc d'essai depuis le dépôt.");
    }
}
