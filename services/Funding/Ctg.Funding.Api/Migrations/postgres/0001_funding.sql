-- One row per ComputeStructure call: the structure's funding for a year and declaration revision.
-- payload is the StructureFundingResult protobuf as answered (lines and explanation trees).
CREATE TABLE funding_computations (
    computation_id        TEXT PRIMARY KEY,
    structure_id          TEXT NOT NULL,
    convention_id         TEXT NOT NULL,
    year                  INTEGER NOT NULL,
    declaration_version   INTEGER NOT NULL,
    declaration_revision  INTEGER NOT NULL,
    total_cents           BIGINT NOT NULL,
    complete              BOOLEAN NOT NULL,
    parameter_set_hash    TEXT NOT NULL,
    input_hash            TEXT NOT NULL,
    computed_at           TEXT NOT NULL,
    payload               BYTEA NOT NULL
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
    amount_cents    BIGINT NOT NULL,
    payload         BYTEA NOT NULL,
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
    total_envelope_cents   BIGINT NOT NULL,
    total_paid_cents       BIGINT NOT NULL,
    created_at             TEXT NOT NULL,
    requested_by           TEXT NOT NULL,
    approved_at            TEXT NULL,
    approved_by            TEXT NULL,
    supersedes_run_id      TEXT NULL,
    payload                BYTEA NOT NULL
);
CREATE INDEX ix_allocation_runs_convention ON allocation_runs (convention_id, year, created_at);

-- Per-structure amounts of each run, for histories and the reporting of approved against latest.
CREATE TABLE allocation_run_structures (
    run_id           TEXT NOT NULL REFERENCES allocation_runs (run_id),
    structure_id     TEXT NOT NULL,
    collectivity_id  TEXT NOT NULL,
    kind             INTEGER NOT NULL,
    amount_cents     BIGINT NOT NULL,
    reference_cents  BIGINT NOT NULL,
    PRIMARY KEY (run_id, structure_id)
);
CREATE INDEX ix_allocation_run_structures_structure ON allocation_run_structures (structure_id);

-- What a run computed can never change: the database refuses it, whatever the code does.
CREATE FUNCTION allocation_runs_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.approved_at IS NOT NULL THEN
        RAISE EXCEPTION 'an approved allocation run never changes';
    END IF;
    IF NEW.run_id <> OLD.run_id OR NEW.convention_id <> OLD.convention_id OR NEW.year <> OLD.year
       OR NEW.declaration_version <> OLD.declaration_version OR NEW.input_hash <> OLD.input_hash
       OR NEW.parameter_set_hash <> OLD.parameter_set_hash OR NEW.parameter_set_version <> OLD.parameter_set_version
       OR NEW.total_envelope_cents <> OLD.total_envelope_cents OR NEW.total_paid_cents <> OLD.total_paid_cents
       OR NEW.created_at <> OLD.created_at OR NEW.payload <> OLD.payload THEN
        RAISE EXCEPTION 'allocation runs are immutable';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER allocation_runs_immutable BEFORE UPDATE ON allocation_runs
    FOR EACH ROW EXECUTE FUNCTION allocation_runs_guard();

CREATE FUNCTION allocation_run_structures_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'allocation runs are immutable';
END $$;
CREATE TRIGGER allocation_run_structures_immutable BEFORE UPDATE ON allocation_run_structures
    FOR EACH ROW EXECUTE FUNCTION allocation_run_structures_guard();
