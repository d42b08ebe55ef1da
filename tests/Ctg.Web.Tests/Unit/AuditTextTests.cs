using Ctg.Web.Formatting;

namespace Ctg.Web.Tests.Unit;

public sealed class AuditTextTests
{
    [Fact]
    public void Commands_and_outcomes_are_said_in_French_and_unknown_ones_as_recorded()
    {
        Assert.Equal("Calcul du bonus territoire lancé", AuditText.Command("funding.RunAllocation"));
        Assert.Equal("structures.SomethingNew", AuditText.Command("structures.SomethingNew"));
        Assert.Equal("refusé : droits insuffisants", AuditText.Outcome("access_denied"));
        Assert.Equal("effectué", AuditText.Outcome("succeeded"));
    }

    [Fact]
    public void The_time_is_the_French_local_time_summer_and_winter()
    {
        Assert.Equal("15/01/2026 11:42:05 (heure de Paris)", AuditText.When(new DateTimeOffset(2026, 1, 15, 10, 42, 5, TimeSpan.Zero)));
        Assert.Equal("15/07/2026 12:42:05 (heure de Paris)", AuditText.When(new DateTimeOffset(2026, 7, 15, 10, 42, 5, TimeSpan.Zero)));
    }
}
