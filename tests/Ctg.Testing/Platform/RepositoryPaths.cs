namespace Ctg.Testing.Platform;

/// <summary>Where the build outputs the test runs are: the same configuration as this test assembly.</summary>
public static class RepositoryPaths
{
    public static readonly string Root = FindRoot();

    /// <summary>"Debug" or "Release", read from this assembly's own bin/&lt;configuration&gt;/net10.0 path.</summary>
    public static readonly string Configuration =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

    public static string Dll(string projectDirectory)
    {
        var dll = Path.Combine(Root, projectDirectory, "bin", Configuration, "net10.0", Path.GetFileName(projectDirectory) + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution first (make build).");
        }
        return dll;
    }

    public static string CtgDll()
    {
        var dll = Path.Combine(Root, "tools", "Ctg.Cli", "bin", Configuration, "net10.0", "ctg.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build tools/Ctg.Cli first.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CtgPlatform.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Repository root (CtgPlatform.sln) not found above " + AppContext.BaseDirectory);
    }
}
