-- Approval race (issue 15): an approved run records the run it supersedes ('' for the first approval of its CTG,
-- year and version); two approvals can never supersede the same run.
CREATE UNIQUE INDEX ux_allocation_runs_supersedes ON allocation_runs (convention_id, year, declaration_version, supersedes_run_id)
    WHERE supersedes_run_id IS NOT NULL;

-- An approved run is never deleted, nor are its per-structure amounts.
CREATE FUNCTION allocation_runs_delete_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.approved_at IS NOT NULL THEN
        RAISE EXCEPTION 'an approved allocation run is never deleted';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER allocation_runs_approved_kept BEFORE DELETE ON allocation_runs
    FOR EACH ROW EXECUTE FUNCTION allocation_runs_delete_guard();

CREATE FUNCTION allocation_run_structures_delete_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM allocation_runs WHERE run_id = OLD.run_id AND approved_at IS NOT NULL) THEN
        RAISE EXCEPTION 'an approved allocation run is never deleted';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER allocation_run_structures_approved_kept BEFORE DELETE ON allocation_run_structures
    FOR EACH ROW EXECUTE FUNCTION allocation_run_structures_delete_guard();
