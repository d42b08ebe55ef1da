using Ctg.Funding.V1;

namespace Ctg.Funding.Api.Allocation;

public enum ApprovalRefusal
{
    None,
    AlreadyApproved,
    Incomplete,
    RequesterCannotApprove,
}

/// <summary>Whether a run may be approved by a caller, and if not, why (with the field violations to report).</summary>
public sealed record ApprovalDecision(ApprovalRefusal Refusal, string Message, IReadOnlyList<(string Field, string Description)> Violations)
{
    public static readonly ApprovalDecision Allowed = new(ApprovalRefusal.None, "", []);

    public bool IsAllowed => Refusal == ApprovalRefusal.None;
}

/// <summary>
/// The rules of approving an allocation run (RULES.md §4.7), free of any host: an approved run never changes;
/// a run with a not-computable part is partial money and cannot be approved (DECISION-APPROVE-COMPLETE-ONLY);
/// the person who requested the run cannot approve it (four-eyes, DECISION-FOUR-EYES), compared on token subjects.
/// </summary>
public static class ApprovalPolicy
{
    /// <param name="approverSubject">The token subject of the caller; null when the call carried no identity
    /// (before the identity milestone), in which case four-eyes cannot be judged and is not applied.</param>
    public static ApprovalDecision Decide(AllocationRun run, string? approverSubject)
    {
        if (run.Status == RunStatus.Approved)
        {
            return new(ApprovalRefusal.AlreadyApproved,
                $"Allocation run '{run.RunId}' was approved on {run.ApprovedAt}; an approved run never changes.", [("run_id", "already approved")]);
        }

        // Judged on the list of missing parts, not on the complete flag, so that runs stored before the flag existed are judged too.
        if (run.NotComputable.Count > 0)
        {
            var violations = run.NotComputable
                .Select((m, i) => ($"not_computable[{i}]", $"{m.RuleId}: parameter {m.ParameterKey} has no value for {m.Year}"))
                .ToList();
            var structures = run.Structures.Where(s => s.NotComputable.Count > 0).Select(s => s.StructureId).ToList();
            return new(ApprovalRefusal.Incomplete,
                $"Allocation run '{run.RunId}' is incomplete: " + string.Join("; ", violations.Select(v => v.Item2))
                + (structures.Count > 0 ? $" (structures {string.Join(", ", structures)})" : "")
                + ". Load the missing parameters, run the allocation again and approve the new run.",
                violations);
        }

        if (approverSubject is not null && string.Equals(run.RequestedBy, approverSubject, StringComparison.Ordinal))
        {
            return new(ApprovalRefusal.RequesterCannotApprove,
                $"Allocation run '{run.RunId}' was requested by '{run.RequestedBy}', who cannot also approve it (four-eyes): another approver must.",
                [("run_id", "requested by the caller")]);
        }

        return ApprovalDecision.Allowed;
    }
}
