-- funding.funding-computed.v1: one structure's funding (prestations and bonuses) per year and
-- declaration revision, immutable once computed.
CREATE TABLE rm_structure_computations (
    computation_id        TEXT PRIMARY KEY,
    structure_id          TEXT NOT NULL,
    convention_id         TEXT NOT NULL,
    year                  INTEGER NOT NULL,
    declaration_version   TEXT NOT NULL,
    declaration_revision  INTEGER NOT NULL,
    computed_at           TEXT NOT NULL,
    total_cents           INTEGER NOT NULL,
    complete              INTEGER NOT NULL,
    source_sequence       INTEGER NOT NULL
);
CREATE INDEX ix_rm_structure_computations_structure ON rm_structure_computations (structure_id, year);
