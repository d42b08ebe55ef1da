-- T-SQL (SQL Server 2022) of the migration of the same number in ../postgres; text columns use a binary
-- collation so that comparisons, keys and ORDER BY behave as on SQLite and PostgreSQL (case-sensitive).
-- funding.funding-computed.v1: one structure's funding (prestations and bonuses) per year and
-- declaration revision, immutable once computed.
CREATE TABLE rm_structure_computations (
    computation_id        NVARCHAR(150) COLLATE Latin1_General_100_BIN2 PRIMARY KEY,
    structure_id          NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    convention_id         NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    year                  BIGINT NOT NULL,
    declaration_version   NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    declaration_revision  BIGINT NOT NULL,
    computed_at           NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    total_cents           BIGINT NOT NULL,
    complete              BIGINT NOT NULL,
    source_sequence       BIGINT NOT NULL
);
CREATE INDEX ix_rm_structure_computations_structure ON rm_structure_computations (structure_id, year);
