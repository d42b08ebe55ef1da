using Ctg.Structures.Shared;
using Ctg.Structures.V1;

namespace Ctg.Structures.Declarations;

/// <summary>When each version of a declaration is due (funding-rules.md §5, domain.md §3): the prévisionnel
/// before the year, the actualisés by 30 June and 30 September, the réel by 31 March of N+1. A declaration
/// received later is accepted and flagged as late.</summary>
internal static class DeclarationCalendar
{
    public static DateOnly DueDate(int year, DeclarationVersion version) => version switch
    {
        DeclarationVersion.Previsionnel => new DateOnly(year - 1, 12, 31),
        DeclarationVersion.ActualiseJuin => new DateOnly(year, 6, 30),
        DeclarationVersion.ActualiseSeptembre => new DateOnly(year, 9, 30),
        DeclarationVersion.Reel => new DateOnly(year + 1, 3, 31),
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "No calendar for this version."),
    };

    /// <summary>The réel of year N describes a finished year: it cannot exist before 1 January of N+1.</summary>
    public static bool IsYearOver(int year, DateOnly date) => date > new DateOnly(year, 12, 31);
}
