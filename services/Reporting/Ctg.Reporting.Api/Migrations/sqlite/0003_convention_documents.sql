-- signatories' state events (governance-changed, annexes-changed, action-plan-changed.v1): the latest
-- state of a convention's governance, annexes and action plan as the event carried it (its JSON payload),
-- kept at the highest version seen, so that a replayed or reordered older event changes nothing.
CREATE TABLE rm_convention_documents (
    convention_id    TEXT NOT NULL,
    kind             TEXT NOT NULL,
    caf_departement  TEXT NOT NULL,
    version          INTEGER NOT NULL,
    document         TEXT NOT NULL,
    source_sequence  INTEGER NOT NULL,
    PRIMARY KEY (convention_id, kind)
);

-- The CAF of a signed convention (convention-signed.v1 carries it): CAF staff read only their CAF's reports.
ALTER TABLE rm_conventions ADD COLUMN caf_departement TEXT NULL;

-- The prestation de service part of a computation (its PSU, PSO and PS_* lines): the reconciliation
-- puts it beside what the CAF paid. NULL for computations applied before this column existed.
ALTER TABLE rm_structure_computations ADD COLUMN ps_cents INTEGER NULL;
