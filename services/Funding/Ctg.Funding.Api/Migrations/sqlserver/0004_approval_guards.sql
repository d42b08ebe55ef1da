-- Approval race (issue 15): an approved run records the run it supersedes ('' for the first approval of its CTG,
-- year and version); two approvals can never supersede the same run.
CREATE UNIQUE INDEX ux_allocation_runs_supersedes ON allocation_runs (convention_id, year, declaration_version, supersedes_run_id)
    WHERE supersedes_run_id IS NOT NULL;

-- An approved run is never deleted, nor are its per-structure amounts. CREATE TRIGGER must open its own batch,
-- hence EXEC: the script stays one batch, with no GO separator to interpret.
EXEC (N'CREATE TRIGGER allocation_runs_approved_kept ON allocation_runs AFTER DELETE AS
BEGIN
    IF EXISTS (SELECT 1 FROM deleted WHERE approved_at IS NOT NULL)
        THROW 50002, N''an approved allocation run is never deleted'', 1;
END');
EXEC (N'CREATE TRIGGER allocation_run_structures_approved_kept ON allocation_run_structures AFTER DELETE AS
BEGIN
    IF EXISTS (SELECT 1 FROM deleted d JOIN allocation_runs r ON r.run_id = d.run_id WHERE r.approved_at IS NOT NULL)
        THROW 50002, N''an approved allocation run is never deleted'', 1;
END');
