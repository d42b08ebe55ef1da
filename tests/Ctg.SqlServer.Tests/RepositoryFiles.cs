namespace Ctg.SqlServer.Tests;

/// <summary>The repository's source tree, found from the test's output directory.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>Files under <paramref name="folder"/> (relative to the root), build output left out.</summary>
    public static IEnumerable<string> Under(string folder, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), pattern, SearchOption.AllDirectories)
            .Where(f => !Relative(f).Split('/').Any(part => part is "bin" or "obj" or "node_modules"))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CtgPlatform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CtgPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
