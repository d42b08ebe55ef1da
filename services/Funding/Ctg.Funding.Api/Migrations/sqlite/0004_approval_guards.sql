-- Approval race (issue 15): an approved run records the run it supersedes ('' for the first approval of its CTG,
-- year and version); two approvals can never supersede the same run.
CREATE UNIQUE INDEX ux_allocation_runs_supersedes ON allocation_runs (convention_id, year, declaration_version, supersedes_run_id)
    WHERE supersedes_run_id IS NOT NULL;

-- An approved run is never deleted, nor are its per-structure amounts.
CREATE TRIGGER allocation_runs_approved_kept BEFORE DELETE ON allocation_runs
    WHEN OLD.approved_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'an approved allocation run is never deleted');
END;
CREATE TRIGGER allocation_run_structures_approved_kept BEFORE DELETE ON allocation_run_structures
    WHEN (SELECT approved_at FROM allocation_runs WHERE run_id = OLD.run_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'an approved allocation run is never deleted');
END;
