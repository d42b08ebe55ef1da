-- T-SQL (SQL Server 2022) of the migration of the same number in ../postgres; text columns use a binary
-- collation so that comparisons, keys and ORDER BY behave as on SQLite and PostgreSQL (case-sensitive).
-- One row per ComputeStructure call: the structure's funding for a year and declaration revision.
-- payload is the StructureFundingResult protobuf as answered (lines and explanation trees).
CREATE TABLE funding_computations (
    computation_id        NVARCHAR(150) COLLATE Latin1_General_100_BIN2 PRIMARY KEY,
    structure_id          NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    convention_id         NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    year                  INT NOT NULL,
    declaration_version   INT NOT NULL,
    declaration_revision  INT NOT NULL,
    total_cents           BIGINT NOT NULL,
    complete              BIT NOT NULL,
    parameter_set_hash    NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    input_hash            NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    computed_at           NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    payload               VARBINARY(MAX) NOT NULL
);
CREATE INDEX ix_funding_computations_structure ON funding_computations (structure_id, year, computed_at);

-- Payments a computation scheduled: advances (prévisionnel), balance or indu (réel).
CREATE TABLE payment_lines (
    computation_id  NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL REFERENCES funding_computations (computation_id),
    structure_id    NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    year            INT NOT NULL,
    kind            INT NOT NULL,
    sequence        INT NOT NULL,
    due_on          NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    amount_cents    BIGINT NOT NULL,
    payload         VARBINARY(MAX) NOT NULL,
    PRIMARY KEY (computation_id, kind, sequence)
);
CREATE INDEX ix_payment_lines_structure ON payment_lines (structure_id, year);

-- Immutable bonus territoire allocation runs. payload is the AllocationRun protobuf (inputs snapshot,
-- groups, structures with explanations) written once; only the approval columns change, once.
CREATE TABLE allocation_runs (
    run_id                 NVARCHAR(150) COLLATE Latin1_General_100_BIN2 PRIMARY KEY,
    convention_id          NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    year                   INT NOT NULL,
    declaration_version    INT NOT NULL,
    status                 INT NOT NULL,
    input_hash             NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    parameter_set_hash     NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    parameter_set_version  NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    total_envelope_cents   BIGINT NOT NULL,
    total_paid_cents       BIGINT NOT NULL,
    created_at             NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    requested_by           NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    approved_at            NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NULL,
    approved_by            NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NULL,
    supersedes_run_id      NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NULL,
    payload                VARBINARY(MAX) NOT NULL
);
CREATE INDEX ix_allocation_runs_convention ON allocation_runs (convention_id, year, created_at);

-- Per-structure amounts of each run, for histories and the reporting of approved against latest.
CREATE TABLE allocation_run_structures (
    run_id           NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL REFERENCES allocation_runs (run_id),
    structure_id     NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    collectivity_id  NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    kind             INT NOT NULL,
    amount_cents     BIGINT NOT NULL,
    reference_cents  BIGINT NOT NULL,
    PRIMARY KEY (run_id, structure_id)
);
CREATE INDEX ix_allocation_run_structures_structure ON allocation_run_structures (structure_id);

-- What a run computed can never change: the database refuses it, whatever the code does. T-SQL has
-- no BEFORE triggers: these AFTER triggers THROW, which rolls the update and its transaction back.
-- A trigger must open its batch, hence the GO lines the migration runner splits on.
GO
CREATE TRIGGER allocation_runs_immutable ON allocation_runs AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM deleted WHERE approved_at IS NOT NULL)
        THROW 51000, 'an approved allocation run never changes', 1;
    IF EXISTS (SELECT 1 FROM inserted i WHERE NOT EXISTS (SELECT 1 FROM deleted d WHERE d.run_id = i.run_id))
        THROW 51001, 'allocation runs are immutable', 1;
    IF EXISTS (
        SELECT 1 FROM inserted i JOIN deleted d ON d.run_id = i.run_id
        WHERE i.convention_id <> d.convention_id OR i.year <> d.year
           OR i.declaration_version <> d.declaration_version OR i.input_hash <> d.input_hash
           OR i.parameter_set_hash <> d.parameter_set_hash OR i.parameter_set_version <> d.parameter_set_version
           OR i.total_envelope_cents <> d.total_envelope_cents OR i.total_paid_cents <> d.total_paid_cents
           OR i.created_at <> d.created_at OR i.payload <> d.payload)
        THROW 51001, 'allocation runs are immutable', 1;
END;
GO
CREATE TRIGGER allocation_run_structures_immutable ON allocation_run_structures AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted)
        THROW 51001, 'allocation runs are immutable', 1;
END;
