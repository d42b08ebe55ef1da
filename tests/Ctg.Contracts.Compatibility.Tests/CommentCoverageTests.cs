using Ctg.ProtoContracts;

namespace Ctg.Contracts.Compatibility.Tests;

/// <summary>Partners integrate from the protos alone: every element says what it is (and its unit).</summary>
public sealed class CommentCoverageTests
{
    [Fact]
    public void Every_service_rpc_message_field_enum_and_value_has_a_leading_comment()
    {
        var missing = new List<string>();
        foreach (var file in DescriptorSets.PlatformFiles(Repository.Today()))
        {
            var comments = new SourceComments(file);
            missing.AddRange(ContractElements.Of(file)
                .Where(e => comments.Leading(e.Path).Length == 0)
                .Select(e => $"{e.File}: {e.Kind} {e.FullName}"));
        }

        Assert.True(missing.Count == 0, $"{missing.Count} elements without a leading comment:\n" + string.Join('\n', missing));
    }
}
