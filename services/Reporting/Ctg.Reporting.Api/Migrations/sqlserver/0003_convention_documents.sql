-- T-SQL (SQL Server 2022) of the migration of the same number in ../postgres; text columns use a binary
-- collation so that comparisons, keys and ORDER BY behave as on SQLite and PostgreSQL (case-sensitive).
-- signatories' state events (governance-changed, annexes-changed, action-plan-changed.v1): the latest
-- state of a convention's governance, annexes and action plan as the event carried it (its JSON payload),
-- kept at the highest version seen, so that a replayed or reordered older event changes nothing.
CREATE TABLE rm_convention_documents (
    convention_id    NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    kind             NVARCHAR(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
    caf_departement  NVARCHAR(10) COLLATE Latin1_General_100_BIN2 NOT NULL,
    version          BIGINT NOT NULL,
    document         NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    source_sequence  BIGINT NOT NULL,
    PRIMARY KEY (convention_id, kind)
);

-- The CAF of a signed convention (convention-signed.v1 carries it): CAF staff read only their CAF's reports.
ALTER TABLE rm_conventions ADD caf_departement NVARCHAR(10) COLLATE Latin1_General_100_BIN2 NULL;

-- The prestation de service part of a computation (its PSU, PSO and PS_* lines): the reconciliation
-- puts it beside what the CAF paid. NULL for computations applied before this column existed.
ALTER TABLE rm_structure_computations ADD ps_cents BIGINT NULL;
