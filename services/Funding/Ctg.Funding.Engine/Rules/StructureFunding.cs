using Ctg.Funding.Engine.Results;

namespace Ctg.Funding.Engine.Rules;

/// <summary>
/// Everything one structure gets for a year from its own rules (prestation de service and bonuses):
/// one <see cref="Amount"/> per rule, computable or not. The bonus territoire share comes from the
/// group allocation (<see cref="BonusTerritoire.BonusTerritoireAllocator"/>), not from here.
/// </summary>
public sealed class StructureFunding(string structureId, int year, string declarationVersion, IReadOnlyList<Amount> lines)
{
    public string StructureId { get; } = structureId;
    public int Year { get; } = year;
    public string DeclarationVersion { get; } = declarationVersion;
    public IReadOnlyList<Amount> Lines { get; } = lines;

    /// <summary>Sum of the computable lines, in cents.</summary>
    public long ComputableTotalCents
    {
        get
        {
            long total = 0;
            foreach (var l in Lines) if (l.IsComputable) total += l.Cents;
            return total;
        }
    }

    /// <summary>True when every line is computable; otherwise the total is partial.</summary>
    public bool IsComplete
    {
        get
        {
            foreach (var l in Lines) if (!l.IsComputable) return false;
            return true;
        }
    }

    public IEnumerable<NotComputable> NotComputable => Lines.Where(l => !l.IsComputable).Select(l => l.Missing!);

    public Amount Line(string ruleId) => Lines.First(l => l.RuleId == ruleId);
}
