using Ctg.Funding.Api.Shared;
using Ctg.Funding.V1;

namespace Ctg.Funding.Api.Allocation;

/// <summary>Differences between two runs (other minus base), per group and per structure.</summary>
public static class RunComparer
{
    public static RunComparison Compare(AllocationRun baseRun, AllocationRun otherRun)
    {
        var comparison = new RunComparison
        {
            BaseRunId = baseRun.RunId,
            OtherRunId = otherRun.RunId,
            SameInputs = baseRun.InputHash == otherRun.InputHash,
            SameParameters = baseRun.ParameterSetHash == otherRun.ParameterSetHash,
            TotalDifference = Decimals.Money(otherRun.TotalPaid.Cents - baseRun.TotalPaid.Cents),
        };

        var baseGroups = baseRun.Groups.ToDictionary(g => (g.CollectivityId, g.Kind));
        var otherGroups = otherRun.Groups.ToDictionary(g => (g.CollectivityId, g.Kind));
        foreach (var key in baseGroups.Keys.Union(otherGroups.Keys).OrderBy(k => k.CollectivityId, StringComparer.Ordinal).ThenBy(k => k.Kind))
        {
            var b = baseGroups.GetValueOrDefault(key);
            var o = otherGroups.GetValueOrDefault(key);
            comparison.Groups.Add(new GroupDifference
            {
                CollectivityId = key.CollectivityId,
                Kind = key.Kind,
                BasePaid = Decimals.Money(b?.Paid.Cents ?? 0),
                OtherPaid = Decimals.Money(o?.Paid.Cents ?? 0),
                Difference = Decimals.Money((o?.Paid.Cents ?? 0) - (b?.Paid.Cents ?? 0)),
                BaseEnvelope = Decimals.Money(b?.Envelope.Cents ?? 0),
                OtherEnvelope = Decimals.Money(o?.Envelope.Cents ?? 0),
            });
        }

        var baseStructures = baseRun.Structures.ToDictionary(s => s.StructureId, StringComparer.Ordinal);
        var otherStructures = otherRun.Structures.ToDictionary(s => s.StructureId, StringComparer.Ordinal);
        foreach (var id in baseStructures.Keys.Union(otherStructures.Keys).Order(StringComparer.Ordinal))
        {
            var b = baseStructures.GetValueOrDefault(id);
            var o = otherStructures.GetValueOrDefault(id);
            var difference = (o?.Amount.Cents ?? 0) - (b?.Amount.Cents ?? 0);
            if (difference == 0 && b is not null && o is not null)
            {
                continue;
            }

            comparison.Structures.Add(new StructureDifference
            {
                StructureId = id,
                BaseAmount = Decimals.Money(b?.Amount.Cents ?? 0),
                OtherAmount = Decimals.Money(o?.Amount.Cents ?? 0),
                Difference = Decimals.Money(difference),
                OnlyInBase = o is null,
                OnlyInOther = b is null,
            });
        }

        return comparison;
    }
}
