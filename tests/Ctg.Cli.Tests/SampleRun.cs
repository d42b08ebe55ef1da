using Ctg.Common.V1;
using Ctg.Funding.V1;

namespace Ctg.Cli.Tests;

/// <summary>A small allocation run shaped like the funding service's answer: two collectivities.</summary>
public static class SampleRun
{
    public static AllocationRun Create()
    {
        var run = new AllocationRun
        {
            RunId = "run-1",
            ConventionId = "ctg-39-test",
            Year = 2019,
            DeclarationVersion = Ctg.Structures.V1.DeclarationVersion.Reel,
            Status = RunStatus.Approved,
            ApprovedAt = "2026-01-15T10:42:00Z",
            TotalEnvelope = new Money { Cents = 10_000_000 },
            TotalPaid = new Money { Cents = 9_000_000 },
            Inputs = new AllocationInputs { ConventionName = "CTG « Test »; avec point-virgule" },
        };
        run.Groups.Add(new GroupResult { CollectivityId = "sig-a", CollectivityName = "Commune A", Kind = BonusTerritoireKind.Eaje,
            Envelope = new Money { Cents = 8_000_000 }, Paid = new Money { Cents = 8_000_000 }, Difference = new Money() });
        run.Groups.Add(new GroupResult { CollectivityId = "sig-b", CollectivityName = "Commune B", Kind = BonusTerritoireKind.Alsh,
            Envelope = new Money { Cents = 2_000_000 }, Paid = new Money { Cents = 1_000_000 }, Difference = new Money { Cents = -1_000_000 }, Causes = { "lower_activity" } });
        run.Structures.Add(new StructureAllocation { StructureId = "s-1", StructureName = "Crèche \"Les Lutins\"", CollectivityId = "sig-a", Kind = BonusTerritoireKind.Eaje,
            Amount = new Money { Cents = 8_000_000 }, CejReference = new Money { Cents = 7_000_000 }, GainOrLoss = new Money { Cents = 1_000_000 } });
        run.Structures.Add(new StructureAllocation { StructureId = "s-2", StructureName = "ALSH B", CollectivityId = "sig-b", Kind = BonusTerritoireKind.Alsh,
            Amount = new Money { Cents = 1_000_000 }, CejReference = new Money { Cents = 2_000_000 }, GainOrLoss = new Money { Cents = -1_000_000 } });
        return run;
    }
}
