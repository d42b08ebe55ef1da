
namespace Ctg.Reporting.Tests.Reliability;

/// <summary>The reliability tests run processes and measure time: they run one at a time, never next to
/// another test class of this assembly.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityCollection
{
    public const string Name = "Reliability";
}
