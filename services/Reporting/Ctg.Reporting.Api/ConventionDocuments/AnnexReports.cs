using Ctg.Reporting.Shared;
using Ctg.Reporting.V1;
using static Ctg.Reporting.Shared.ProtoMapping;

namespace Ctg.Reporting.ConventionDocuments;

/// <summary>The annex tables beside what the registry and the engine hold: projections against registered
/// places, co-financing against the CAF funding the engine computed, the CAF's payments against the
/// engine's prestation de service. Absent figures stay absent (non renseigné), never 0.</summary>
public static class AnnexReports
{
    /// <summary>Annex modes the registry counts in places, with the structure kind it registers them as.</summary>
    private static readonly IReadOnlyDictionary<string, string> RegisteredKinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["EajePsu"] = "eaje_psu",
        ["MicroCrechePaje"] = "micro_creche_paje",
        ["Mam"] = "mam",
    };

    public static AnnexComparison Comparison(AnnexesDocument annexes, long version, IReadOnlyDictionary<string, StructureRow> structures)
    {
        var start = GovernanceCalendarBuilder.Day(annexes.PeriodStart)?.Year ?? 0;
        var end = GovernanceCalendarBuilder.Day(annexes.PeriodEnd)?.Year ?? start;
        var comparison = new AnnexComparison { ConventionId = annexes.ConventionId ?? "", ConventionName = annexes.Name ?? "", Version = version };
        foreach (var mode in (annexes.Projections ?? []).Select(p => p.Mode ?? "").Where(m => m.Length > 0).Distinct(StringComparer.Ordinal))
        {
            var rows = (annexes.Projections ?? []).Where(p => p.Mode == mode).ToList();
            for (var year = start; year <= end; year++)
            {
                var figures = rows.SelectMany(p => p.Years ?? []).Where(y => y.Year == year && y.Quantity is not null).ToList();
                var row = new AnnexComparisonRow
                {
                    Mode = mode,
                    Unit = mode switch { "Rpe" => "ETP", "Passerelle" => "dispositifs", _ => "places" },
                    Year = year,
                    Source = string.Join(" ; ", figures.Select(f => f.Source).Where(s => !string.IsNullOrEmpty(s))),
                };
                if (figures.Count > 0)
                {
                    row.Projected = figures.Sum(f => f.Quantity!.Value);
                }

                if (RegisteredKinds.TryGetValue(mode, out var kind))
                {
                    row.RegisteredPlaces = (int)structures.Values.Where(s => s.Kind == kind && OpenDuring(s, year)).Sum(s => s.AgreedPlaces ?? 0);
                    if (row.HasProjected)
                    {
                        row.Difference = row.RegisteredPlaces - row.Projected;
                    }
                }

                comparison.Rows.Add(row);
            }
        }

        return comparison;
    }

    public static CoFinancingReport CoFinancing(
        AnnexesDocument annexes, int year, ReportingScope scope, IReadOnlyDictionary<string, StructureRow> structures,
        IReadOnlyDictionary<string, LatestComputationRow> computations)
    {
        var report = new CoFinancingReport { ConventionId = annexes.ConventionId ?? "", Year = year };
        var entries = (annexes.CoFinancing ?? []).Where(e => e.Year == year && Visible(e.StructureId, scope, structures));
        foreach (var group in entries.GroupBy(e => (e.Beneficiary ?? "", e.StructureId ?? "")))
        {
            var beneficiary = new CoFinancingBeneficiary { Beneficiary = group.Key.Item1, StructureId = group.Key.Item2 };
            beneficiary.Lines.AddRange(group.Select(e => new CoFinancingLine
            {
                FunderSignatoryId = e.FunderSignatoryId ?? "", FunderName = e.FunderName ?? "", FunderKind = e.FunderKind ?? "",
                FinancingType = e.FinancingType ?? "", Amount = e.AmountCents is { } cents ? Cents(cents) : null,
                Estimated = e.Estimated == true, Source = e.Source ?? "",
            }));
            if (computations.TryGetValue(beneficiary.StructureId, out var computation))
            {
                beneficiary.CafFunding = Cents(computation.TotalCents);
                beneficiary.ComputationId = computation.ComputationId;
            }

            report.Beneficiaries.Add(beneficiary);
        }

        foreach (var post in (annexes.CoordinationPosts ?? []).Where(p => p.Year == year))
        {
            var line = new CoordinationPostLine
            {
                Description = post.Description ?? "", SignatoryId = post.SignatoryId ?? "", Source = post.Source ?? "",
                AnnualCost = post.AnnualCostCents is { } cost ? Cents(cost) : null,
                CafFunding = post.CafFundingCents is { } caf ? Cents(caf) : null,
            };
            if (post.Fte is { } fte)
            {
                line.Fte = fte;
            }

            report.CoordinationPosts.Add(line);
        }

        return report;
    }

    /// <summary>The CAF's payments of the year (funder of kind Caf, amounts paid, not estimated) per registered
    /// structure, beside the engine's prestation de service for that structure and year.</summary>
    public static FundingReconciliation Reconciliation(
        AnnexesDocument annexes, int year, ReportingScope scope, IReadOnlyDictionary<string, StructureRow> structures,
        IReadOnlyDictionary<string, LatestComputationRow> computations)
    {
        var report = new FundingReconciliation { ConventionId = annexes.ConventionId ?? "", Year = year };
        var paid = (annexes.CoFinancing ?? [])
            .Where(e => e.Year == year && e.FunderKind == "Caf" && e.Estimated != true && e.AmountCents is not null
                && !string.IsNullOrEmpty(e.StructureId) && Visible(e.StructureId, scope, structures))
            .GroupBy(e => e.StructureId!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        long totalPaid = 0, totalEngine = 0;
        foreach (var group in paid)
        {
            var row = new ReconciliationRow { StructureId = group.Key, Beneficiary = group.First().Beneficiary ?? "" };
            row.Paid.AddRange(group.Select(e => new PaidLine { FinancingType = e.FinancingType ?? "", Amount = Cents(e.AmountCents!.Value), Source = e.Source ?? "" }));
            var ps = group.Where(e => IsPrestationDeService(e.FinancingType)).ToList();
            long? paidPs = ps.Count == 0 ? null : ps.Sum(e => e.AmountCents!.Value);
            long? enginePs = computations.TryGetValue(group.Key, out var computation) ? computation.PsCents : null;
            if (paidPs is { } p)
            {
                row.PaidPs = Cents(p);
                totalPaid += p;
            }

            if (enginePs is { } e)
            {
                row.EnginePs = Cents(e);
                row.ComputationId = computation!.ComputationId;
                totalEngine += e;
            }

            if (paidPs is not null && enginePs is not null)
            {
                row.Difference = Cents(enginePs.Value - paidPs.Value);
            }

            report.Rows.Add(row);
        }

        report.TotalPaidPs = Cents(totalPaid);
        report.TotalEnginePs = Cents(totalEngine);
        return report;
    }

    /// <summary>"PSU - PSO", "PSU", "PSO", "PS ALSH"… name a prestation de service; CEJ, FILAJ and bonuses do not.</summary>
    internal static bool IsPrestationDeService(string? financingType) =>
        financingType is not null && financingType.Split([' ', '-', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Any(word => word is "PS" or "PSU" or "PSO");

    /// <summary>A manager sees the lines of their own registered structures only.</summary>
    private static bool Visible(string? structureId, ReportingScope scope, IReadOnlyDictionary<string, StructureRow> structures) =>
        scope.Managers is null
        || (!string.IsNullOrEmpty(structureId) && structures.TryGetValue(structureId, out var structure) && scope.AllowsManager(structure.ManagerName));

    private static bool OpenDuring(StructureRow structure, int year)
    {
        var opened = GovernanceCalendarBuilder.Day(structure.OpeningDate);
        var closed = GovernanceCalendarBuilder.Day(structure.ClosingDate);
        return (opened is null || opened.Value.Year <= year) && (closed is null || closed.Value.Year >= year);
    }
}
