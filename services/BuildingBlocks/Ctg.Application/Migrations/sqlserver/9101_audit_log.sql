-- Every command a caller asked for, done or refused. Append-only: the triggers below refuse any
-- change or removal, so the log can be trusted as it was written. CREATE TRIGGER must open its
-- own batch, hence EXEC: the script stays one batch, with no GO separator to interpret.
CREATE TABLE audit_log (
    sequence        BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT pk_audit_log PRIMARY KEY,
    audit_id        NVARCHAR(64) NOT NULL CONSTRAINT uq_audit_log_audit_id UNIQUE,
    occurred_at     NVARCHAR(40) NOT NULL,
    subject         NVARCHAR(200) NOT NULL,
    display_name    NVARCHAR(400) NOT NULL,
    roles           NVARCHAR(1000) NOT NULL,
    client_id       NVARCHAR(200) NULL,
    command         NVARCHAR(200) NOT NULL,
    target_ids      NVARCHAR(MAX) NOT NULL,
    request_sha256  NVARCHAR(64) NOT NULL,
    outcome         NVARCHAR(40) NOT NULL,
    detail          NVARCHAR(MAX) NULL
);
CREATE INDEX ix_audit_log_subject ON audit_log (subject, sequence);
CREATE INDEX ix_audit_log_occurred_at ON audit_log (occurred_at, sequence);

-- One row per target of a record, so "everything that touched this structure" is an index lookup.
CREATE TABLE audit_log_targets (
    target_id       NVARCHAR(200) NOT NULL,
    sequence        BIGINT NOT NULL CONSTRAINT fk_audit_log_targets_sequence REFERENCES audit_log (sequence),
    CONSTRAINT pk_audit_log_targets PRIMARY KEY (target_id, sequence)
);

EXEC (N'CREATE TRIGGER audit_log_append_only ON audit_log INSTEAD OF UPDATE, DELETE AS
BEGIN
    THROW 51000, N''audit_log is append-only: UPDATE and DELETE refused'', 1;
END');
EXEC (N'CREATE TRIGGER audit_log_targets_append_only ON audit_log_targets INSTEAD OF UPDATE, DELETE AS
BEGIN
    THROW 51000, N''audit_log_targets is append-only: UPDATE and DELETE refused'', 1;
END');
