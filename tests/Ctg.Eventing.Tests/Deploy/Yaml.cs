using YamlDotNet.RepresentationModel;

namespace Ctg.Eventing.Tests.Deploy;

/// <summary>Reads the deploy/ manifests as YAML documents and navigates them with clear failures.</summary>
internal static class Yaml
{
    public static string DeployDirectory { get; } = FindDeployDirectory();

    public static IReadOnlyList<YamlMappingNode> Documents(string relativePath)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(DeployDirectory, relativePath)))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode)).ToList();
    }

    public static YamlNode Get(this YamlNode node, string path)
    {
        var current = node;
        foreach (var key in path.Split('.'))
        {
            var mapping = Assert.IsType<YamlMappingNode>(current);
            Assert.True(mapping.Children.TryGetValue(new YamlScalarNode(key), out var next), $"missing '{key}' of '{path}'");
            current = next;
        }

        return current;
    }

    public static YamlNode? Find(this YamlNode node, string path)
    {
        var current = node;
        foreach (var key in path.Split('.'))
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    public static string Text(this YamlNode node, string path) => Assert.IsType<YamlScalarNode>(node.Get(path)).Value!;

    public static IReadOnlyList<YamlNode> Items(this YamlNode node, string path) => Assert.IsType<YamlSequenceNode>(node.Get(path)).Children.ToList();

    public static IReadOnlyDictionary<string, YamlScalarNode> Scalars(this YamlNode node, string path) =>
        Assert.IsType<YamlMappingNode>(node.Get(path)).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => Assert.IsType<YamlScalarNode>(c.Value));

    /// <summary>A plain (unquoted) true/false/number is not a string for Kubernetes: annotations, labels
    /// and env values must be quoted or the API server rejects the manifest.</summary>
    public static bool IsString(this YamlScalarNode scalar) =>
        scalar.Style != YamlDotNet.Core.ScalarStyle.Plain
        || !(bool.TryParse(scalar.Value, out _) || double.TryParse(scalar.Value, System.Globalization.CultureInfo.InvariantCulture, out _)
            || scalar.Value is "yes" or "no" or "on" or "off" or "null" or "~");

    private static string FindDeployDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CtgPlatform.sln")))
            {
                return Path.Combine(directory.FullName, "deploy");
            }
        }

        throw new InvalidOperationException("CtgPlatform.sln not found above the test binaries.");
    }
}
