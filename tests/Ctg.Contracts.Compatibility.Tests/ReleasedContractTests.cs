using Ctg.ProtoContracts;

namespace Ctg.Contracts.Compatibility.Tests;

/// <summary>Partners built against the last release (protos/released) keep working with today's protos.</summary>
public sealed class ReleasedContractTests
{
    [Fact]
    public void Todays_protos_break_nothing_of_the_release()
    {
        var changes = BreakingChangeComparer.Compare(Repository.Released(), Repository.Today());

        Assert.True(changes.Count == 0, "Breaking changes against protos/released/ctg-v1.binpb:\n" + string.Join('\n', changes));
    }

    [Fact]
    public void The_released_set_holds_the_five_released_packages_with_their_source_info()
    {
        var files = DescriptorSets.PlatformFiles(Repository.Released());

        Assert.Equal(
            ["ctg.common.v1", "ctg.funding.v1", "ctg.reporting.v1", "ctg.signatories.v1", "ctg.structures.v1"],
            files.Select(f => f.Package).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.NotEmpty(f.SourceCodeInfo.Location));
    }

    [Fact]
    public void Todays_set_is_built_from_every_proto_under_protos_ctg()
    {
        var onDisk = Directory.GetFiles(Path.Combine(Repository.Root, "protos", "ctg"), "*.proto", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Path.Combine(Repository.Root, "protos"), p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(onDisk, DescriptorSets.PlatformFiles(Repository.Today()).Select(f => f.Name));
    }
}
