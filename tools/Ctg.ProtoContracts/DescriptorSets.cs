using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Ctg.ProtoContracts;

/// <summary>Loads descriptor sets and keeps only the platform's own files (package ctg.*).</summary>
public static class DescriptorSets
{
    public const string PlatformPackagePrefix = "ctg.";

    public static FileDescriptorSet Load(string path) =>
        FileDescriptorSet.Parser.ParseFrom(File.ReadAllBytes(path));

    public static FileDescriptorSet Parse(ByteString bytes) => FileDescriptorSet.Parser.ParseFrom(bytes);

    /// <summary>The files of the platform, by name; imports such as google/protobuf are not ours to check.</summary>
    public static IReadOnlyList<FileDescriptorProto> PlatformFiles(FileDescriptorSet set) =>
        set.File.Where(f => f.Package.StartsWith(PlatformPackagePrefix, StringComparison.Ordinal))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
}
