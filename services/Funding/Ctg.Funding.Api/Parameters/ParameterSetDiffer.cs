using Ctg.Funding.Engine.Parameters;
using Ctg.Funding.V1;

namespace Ctg.Funding.Api.Parameters;

/// <summary>What changed between two parameter sets, key by key, on the canonical text that the content hash covers.</summary>
public static class ParameterSetDiffer
{
    public static IReadOnlyList<ParameterKeyDifference> Diff(ParameterSet baseSet, ParameterSet otherSet)
    {
        var differences = new List<ParameterKeyDifference>();
        var keys = baseSet.Parameters.Select(p => p.Key).Union(otherSet.Parameters.Select(p => p.Key)).OrderBy(k => k, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var before = baseSet.Contains(key) ? baseSet.Get(key) : null;
            var after = otherSet.Contains(key) ? otherSet.Get(key) : null;
            var change = (before, after) switch
            {
                (null, _) => ParameterChange.Added,
                (_, null) => ParameterChange.Removed,
                _ when ParameterSet.CanonicalText(before) != ParameterSet.CanonicalText(after) => ParameterChange.Changed,
                _ => ParameterChange.Unspecified,
            };
            if (change == ParameterChange.Unspecified) continue;
            var difference = new ParameterKeyDifference { Key = key, Change = change };
            if (before is not null) difference.BaseValues.AddRange(ParameterSet.DescribeValues(before));
            if (after is not null) difference.OtherValues.AddRange(ParameterSet.DescribeValues(after));
            differences.Add(difference);
        }

        return differences;
    }
}
