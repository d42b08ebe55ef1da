-- funding.funding-computed.v1: one structure's funding (prestations and bonuses) per year and
-- declaration revision, immutable once computed.
CREATE TABLE rm_structure_computations (
    computation_id        TEXT PRIMARY KEY,
    structure_id          TEXT NOT NULL,
    convention_id         TEXT NOT NULL,
    year                  BIGINT NOT NULL,
    declaration_version   TEXT NOT NULL,
    declaration_revision  BIGINT NOT NULL,
    computed_at           TEXT NOT NULL,
    total_cents           BIGINT NOT NULL,
    complete              BIGINT NOT NULL,
    source_sequence       BIGINT NOT NULL
);
CREATE INDEX ix_rm_structure_computations_structure ON rm_structure_computations (structure_id, year);
