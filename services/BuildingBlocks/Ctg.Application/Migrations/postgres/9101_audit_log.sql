-- Every command a caller asked for, done or refused. Append-only: the triggers below refuse any
-- change or removal (TRUNCATE included), so the log can be trusted as it was written.
CREATE TABLE audit_log (
    sequence        BIGSERIAL PRIMARY KEY,
    audit_id        TEXT NOT NULL UNIQUE,
    occurred_at     TEXT NOT NULL,
    subject         TEXT NOT NULL,
    display_name    TEXT NOT NULL,
    roles           TEXT NOT NULL,
    client_id       TEXT NULL,
    command         TEXT NOT NULL,
    target_ids      TEXT NOT NULL,
    request_sha256  TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    detail          TEXT NULL
);
CREATE INDEX ix_audit_log_subject ON audit_log (subject, sequence);
CREATE INDEX ix_audit_log_occurred_at ON audit_log (occurred_at, sequence);

-- One row per target of a record, so "everything that touched this structure" is an index lookup.
CREATE TABLE audit_log_targets (
    target_id       TEXT NOT NULL,
    sequence        BIGINT NOT NULL REFERENCES audit_log (sequence),
    PRIMARY KEY (target_id, sequence)
);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_targets_append_only BEFORE UPDATE OR DELETE ON audit_log_targets
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_targets_no_truncate BEFORE TRUNCATE ON audit_log_targets
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
