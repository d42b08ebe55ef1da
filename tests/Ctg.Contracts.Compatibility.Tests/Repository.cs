using System.Diagnostics;
using Google.Protobuf.Reflection;
using Ctg.ProtoContracts;

namespace Ctg.Contracts.Compatibility.Tests;

/// <summary>The repository the tests run from: its released descriptor set and a set built now from protos/.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static FileDescriptorSet Released() =>
        DescriptorSets.Load(Path.Combine(Root, "protos", "released", "ctg-v1.binpb"));

    private static readonly Lazy<FileDescriptorSet> TodaySet = new(BuildToday);

    /// <summary>Today's protos compiled by the same protoc as Ctg.Contracts, with source info.</summary>
    public static FileDescriptorSet Today() => TodaySet.Value;

    private static FileDescriptorSet BuildToday()
    {
        var output = Path.Combine(Path.GetTempPath(), $"ctg-today-{Guid.NewGuid():N}.binpb");
        try
        {
            var start = new ProcessStartInfo("bash")
            {
                ArgumentList = { Path.Combine(Root, "tools", "protoset.sh"), Path.Combine(Root, "protos"), output },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var protoc = Process.Start(start)!;
            var errors = protoc.StandardError.ReadToEndAsync();
            protoc.StandardOutput.ReadToEnd();
            if (!protoc.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                protoc.Kill(entireProcessTree: true);
                throw new TimeoutException("tools/protoset.sh did not finish within a minute");
            }
            if (protoc.ExitCode != 0)
                throw new InvalidOperationException($"tools/protoset.sh failed ({protoc.ExitCode}): {errors.Result}");
            return DescriptorSets.Load(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CtgPlatform.sln")))
                return dir.FullName;
        throw new InvalidOperationException("CtgPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
