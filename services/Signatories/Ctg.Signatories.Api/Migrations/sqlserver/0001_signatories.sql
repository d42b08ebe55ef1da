-- T-SQL (SQL Server 2022) of the migration of the same number in ../postgres; text columns use a binary
-- collation so that comparisons, keys and ORDER BY behave as on SQLite and PostgreSQL (case-sensitive).
-- One row per convention: its current stored form (ConventionRecord as protobuf JSON) and the
-- optimistic-concurrency version every command checks.
CREATE TABLE conventions (
    convention_id    NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    caf_departement  NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    name             NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    version          BIGINT NOT NULL,
    record           NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    created_at       NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    updated_at       NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL
);
CREATE INDEX ix_conventions_caf ON conventions (caf_departement, convention_id);

-- Every version of every convention, so that nothing is ever overwritten.
CREATE TABLE convention_versions (
    convention_id  NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL REFERENCES conventions (convention_id),
    version        BIGINT NOT NULL,
    change_kind    NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    recorded_at    NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    record         NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    PRIMARY KEY (convention_id, version)
);

-- Signatory ids are global: the directory resolves one to its convention.
CREATE TABLE signatories (
    signatory_id   NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    convention_id  NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL REFERENCES conventions (convention_id)
);
CREATE INDEX ix_signatories_convention ON signatories (convention_id);

-- The action plan of a convention, versioned on its own (its quarterly follow-up is frequent).
-- PLAN is a reserved word of T-SQL: the column is quoted here and in the statements that name it.
CREATE TABLE action_plans (
    convention_id  NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY REFERENCES conventions (convention_id),
    version        BIGINT NOT NULL,
    "plan"         NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    updated_at     NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL
);
