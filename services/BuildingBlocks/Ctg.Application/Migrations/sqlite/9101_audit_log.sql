-- Every command a caller asked for, done or refused. Append-only: the triggers below refuse any
-- change or removal, so the log can be trusted as it was written.
CREATE TABLE audit_log (
    sequence        INTEGER PRIMARY KEY AUTOINCREMENT,
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
    sequence        INTEGER NOT NULL REFERENCES audit_log (sequence),
    PRIMARY KEY (target_id, sequence)
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused');
END;
CREATE TRIGGER audit_log_targets_no_update BEFORE UPDATE ON audit_log_targets
BEGIN
    SELECT RAISE(ABORT, 'audit_log_targets is append-only: UPDATE refused');
END;
CREATE TRIGGER audit_log_targets_no_delete BEFORE DELETE ON audit_log_targets
BEGIN
    SELECT RAISE(ABORT, 'audit_log_targets is append-only: DELETE refused');
END;
