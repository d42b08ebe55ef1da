
namespace Ctg.Reporting.Tests.Support;

/// <summary>Where the built programs the reliability tests start as processes live.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The same configuration (Debug/Release) as the test assembly, so a Release test run starts Release builds.</summary>
    private static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string ReportingDll => Built("services/Reporting/Ctg.Reporting.Api", "Ctg.Reporting.Api.dll");

    public static string DevBusDll => Built("tools/Ctg.DevBus", "Ctg.DevBus.dll");

    public static string SignatoriesDll => Built("services/Signatories/Ctg.Signatories.Api", "Ctg.Signatories.Api.dll");

    public static string StructuresDll => Built("services/Structures/Ctg.Structures.Api", "Ctg.Structures.Api.dll");

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built: build the test project first.", path);
    }

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
