using Ctg.Reporting.Shared;
using Ctg.Reporting.V1;

namespace Ctg.Reporting.Rebuild;

/// <summary>Which tables each topic feeds and which topics each read model needs. A rebuild wipes every
/// table fed by the model's topics and, because a wiped table must be refilled whole, replays every topic
/// that feeds those tables (the closure), not only the model's own.</summary>
public static class ReadModelCatalog
{
    private static readonly string[] StructureTables = ["rm_structures"];
    private static readonly string[] FundingTables = ["rm_funding_runs", "rm_funding_groups", "rm_funding_structures"];

    public static readonly IReadOnlyDictionary<string, string[]> TablesByTopic = new Dictionary<string, string[]>
    {
        [ReportingTopics.StructureRegistered] = StructureTables,
        [ReportingTopics.StructureChanged] = StructureTables,
        [ReportingTopics.StructureClosed] = StructureTables,
        [ReportingTopics.DeclarationSubmitted] = ["rm_declarations"],
        [ReportingTopics.ReferenceRecorded] = ["rm_cej_references"],
        [ReportingTopics.ConventionSigned] = ["rm_conventions", "rm_communes"],
        [ReportingTopics.ConventionAmended] = ["rm_conventions", "rm_communes"],
        [ReportingTopics.ConventionTerminated] = ["rm_conventions"],
        [ReportingTopics.CompetenceGranted] = ["rm_ao_holdings"],
        [ReportingTopics.CompetenceTransferred] = ["rm_ao_holdings"],
        [ReportingTopics.ActionStatusUpdated] = ["rm_actions", "rm_indicators"],
        [ReportingTopics.FundingComputed] = ["rm_structure_computations"],
        [ReportingTopics.AllocationRunCompleted] = FundingTables,
        [ReportingTopics.AllocationApproved] = ["rm_allocation_approvals"],
        [ReportingTopics.PaymentScheduled] = ["rm_payments"],
        [ReportingTopics.GovernanceChanged] = ["rm_convention_documents"],
        [ReportingTopics.AnnexesChanged] = ["rm_convention_documents"],
        [ReportingTopics.ActionPlanChanged] = ["rm_convention_documents"],
    };

    /// <summary>Every read-model table, in the order the stats digest reads them, with its key columns.</summary>
    public static readonly IReadOnlyList<(string Table, string OrderBy)> Tables =
    [
        ("rm_structures", "structure_id"),
        ("rm_declarations", "declaration_id, revision"),
        ("rm_cej_references", "structure_id, reference_year"),
        ("rm_funding_runs", "run_id"),
        ("rm_funding_groups", "run_id, supporting_collectivity_id, kind"),
        ("rm_funding_structures", "run_id, structure_id"),
        ("rm_allocation_approvals", "run_id"),
        ("rm_structure_computations", "computation_id"),
        ("rm_payments", "payment_id"),
        ("rm_conventions", "convention_id"),
        ("rm_communes", "convention_id, insee_code"),
        ("rm_ao_holdings", "convention_id, insee_code, competence"),
        ("rm_actions", "convention_id, action_id"),
        ("rm_indicators", "convention_id, action_id, indicator_id"),
        ("rm_convention_documents", "convention_id, kind"),
    ];

    private static string[] TopicsOf(ReadModel model) => model switch
    {
        ReadModel.All => [.. TablesByTopic.Keys],
        ReadModel.AllocationSummary => [ReportingTopics.AllocationRunCompleted, ReportingTopics.AllocationApproved],
        ReadModel.StructureFunding =>
        [
            ReportingTopics.StructureRegistered, ReportingTopics.ReferenceRecorded, ReportingTopics.FundingComputed,
            ReportingTopics.AllocationRunCompleted, ReportingTopics.AllocationApproved, ReportingTopics.PaymentScheduled,
        ],
        ReadModel.ManagerStructures => [ReportingTopics.StructureRegistered],
        ReadModel.AoCompliance =>
        [
            ReportingTopics.ConventionSigned, ReportingTopics.CompetenceGranted, ReportingTopics.CompetenceTransferred,
            ReportingTopics.StructureRegistered,
        ],
        ReadModel.ActionPlan => [ReportingTopics.ActionStatusUpdated],
        ReadModel.ConventionDocuments => [ReportingTopics.GovernanceChanged, ReportingTopics.AnnexesChanged, ReportingTopics.ActionPlanChanged],
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown read model."),
    };

    /// <summary>The tables to wipe and the topics to replay for a read model.</summary>
    public static (IReadOnlyList<string> Tables, IReadOnlyList<string> Topics) Plan(ReadModel model)
    {
        var topics = new SortedSet<string>(TopicsOf(model), StringComparer.Ordinal);
        var tables = new SortedSet<string>(StringComparer.Ordinal);
        while (true)
        {
            tables.UnionWith(topics.SelectMany(t => TablesByTopic[t]));
            var feeding = TablesByTopic.Where(kv => kv.Value.Any(tables.Contains)).Select(kv => kv.Key).ToList();
            if (feeding.All(topics.Contains))
            {
                return ([.. tables], [.. topics]);
            }

            topics.UnionWith(feeding);
        }
    }
}
