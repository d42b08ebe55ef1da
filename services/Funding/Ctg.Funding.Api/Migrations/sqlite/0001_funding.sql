-- One row per ComputeStructure call: the structure's funding for a year and declaration revision.
-- payload is the StructureFundingResult protobuf as answered (lines and explanation trees).
CREATE TABLE funding_computations (
    computation_id        TEXT PRIMARY KEY,
    structure_id          TEXT NOT NULL,
    convention_id         TEXT NOT NULL,
    year                  INTEGER NOT NULL,
    declaration_version   INTEGER NOT NULL,
    declaration_revision  INTEGER NOT NULL,
    total_cents           INTEGER NOT NULL,
    complete              INTEGER NOT NULL,
    parameter_set_hash    TEXT NOT NULL,
    input_hash            TEXT NOT NULL,
    computed_at           TEXT NOT NULL,
    payload               BLOB NOT NULL
);
CREATE INDEX ix_funding_computations_structure ON funding_computations (structure_id, year, computed_at);

-- Payments a computation scheduled: advances (prévisionnel), balance or indu (réel).
CREATE TABLE payment_lines (
    computation_id  TEXT NOT NULL REFERENCES funding_computations (computation_id),
    structure_id    TEXT NOT NULL,
    year            INTEGER NOT NULL,
    kind            INTEGER NOT NULL,
    sequence        INTEGER NOT NULL,
    due_on          TEXT NOT NULL,
    amount_cents    INTEGER NOT NULL,
    payload         BLOB NOT NULL,
    PRIMARY KEY (computation_id, kind, sequence)
);
CREATE INDEX ix_payment_lines_structure ON payment_lines (structure_id, year);

-- Immutable bonus territoire allocation runs. payload is the AllocationRun protobuf (inputs snapshot,
-- groups, structures with explanations) written once; only the approval columns change, once.
CREATE TABLE allocation_runs (
    run_id                 TEXT PRIMARY KEY,
    convention_id          TEXT NOT NULL,
    year                   INTEGER NOT NULL,
    declaration_version    INTEGER NOT NULL,
    status                 INTEGER NOT NULL,
    input_hash             TEXT NOT NULL,
    parameter_set_hash     TEXT NOT NULL,
    parameter_set_version  TEXT NOT NULL,
    total_envelope_cents   INTEGER NOT NULL,
    total_paid_cents       INTEGER NOT NULL,
    created_at             TEXT NOT NULL,
    requested_by           TEXT NOT NULL,
    approved_at            TEXT NULL,
    approved_by            TEXT NULL,
    supersedes_run_id      TEXT NULL,
    payload                BLOB NOT NULL
);
CREATE INDEX ix_allocation_runs_convention ON allocation_runs (convention_id, year, created_at);

-- Per-structure amounts of each run, for histories and the reporting of approved against latest.
CREATE TABLE allocation_run_structures (
    run_id           TEXT NOT NULL REFERENCES allocation_runs (run_id),
    structure_id     TEXT NOT NULL,
    collectivity_id  TEXT NOT NULL,
    kind             INTEGER NOT NULL,
    amount_cents     INTEGER NOT NULL,
    reference_cents  INTEGER NOT NULL,
    PRIMARY KEY (run_id, structure_id)
);
CREATE INDEX ix_allocation_run_structures_structure ON allocation_run_structures (structure_id);

-- What a run computed can never change: the database refuses it, whatever the code does.
CREATE TRIGGER allocation_runs_immutable BEFORE UPDATE OF run_id, convention_id, year, declaration_version,
    input_hash, parameter_set_hash, parameter_set_version, total_envelope_cents, total_paid_cents, created_at, payload
    ON allocation_runs
BEGIN
    SELECT RAISE(ABORT, 'allocation runs are immutable');
END;
CREATE TRIGGER allocation_runs_approved_once BEFORE UPDATE ON allocation_runs
    WHEN OLD.approved_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'an approved allocation run never changes');
END;
CREATE TRIGGER allocation_run_structures_immutable BEFORE UPDATE ON allocation_run_structures
BEGIN
    SELECT RAISE(ABORT, 'allocation runs are immutable');
END;
