using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.Engine.Parameters.Loading;

namespace Ctg.Funding.Api.Parameters;

/// <summary>
/// Set 0: the parameter files shipped with the service (embedded in the engine, or Funding:ParametersDirectory),
/// validated at start-up so that a bad file stops the service rather than a computation. Every loaded set
/// must still define each of its keys: the rules read them.
/// </summary>
public sealed class ShippedParameters
{
    public ShippedParameters(string? directory)
    {
        Files = string.IsNullOrEmpty(directory) ? ParameterLoader.ReadEmbedded() : ParameterLoader.ReadDirectory(directory);
        Set = ParameterLoader.LoadFromTexts(Files);
        Version = string.IsNullOrEmpty(directory) ? "embedded" : "directory:" + directory;
    }

    /// <summary>"embedded" or "directory:&lt;path&gt;", recorded with each run computed on set 0.</summary>
    public string Version { get; }

    public IReadOnlyList<(string RelativePath, string Yaml)> Files { get; }

    public ParameterSet Set { get; }
}
