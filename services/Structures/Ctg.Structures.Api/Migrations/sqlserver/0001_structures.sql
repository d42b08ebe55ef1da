-- T-SQL (SQL Server 2022) of the migration of the same number in ../postgres; text columns use a binary
-- collation so that comparisons, keys and ORDER BY behave as on SQLite and PostgreSQL (case-sensitive).
-- Current state of each structure (one row), with the columns the queries filter on; the full
-- state is the ctg.structures.v1.Structure message (protobuf, base64) in `data`.
CREATE TABLE structures (
    structure_id                NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    version                     INT NOT NULL,
    kind                        NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    caf_dossier_number          NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NULL,
    caf_equipment_code          NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NULL,
    commune_insee               NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NULL,
    commune_key                 NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    manager_key                 NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    supporting_collectivity_id  NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    convention_id               NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    opening_date                NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NULL,
    closing_date                NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NULL,
    effective_from              NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    data                        NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL
);
-- A CAF identifier belongs to one structure only.
CREATE UNIQUE INDEX ux_structures_caf_dossier ON structures (caf_dossier_number) WHERE caf_dossier_number IS NOT NULL;
CREATE UNIQUE INDEX ux_structures_caf_equipment ON structures (caf_equipment_code) WHERE caf_equipment_code IS NOT NULL;
CREATE INDEX ix_structures_convention ON structures (convention_id, structure_id);
CREATE INDEX ix_structures_commune ON structures (commune_insee, structure_id);
CREATE INDEX ix_structures_commune_name ON structures (commune_key, structure_id);
CREATE INDEX ix_structures_manager ON structures (manager_key, structure_id);
CREATE INDEX ix_structures_kind ON structures (kind, structure_id);

-- Every version ever recorded: "as of" queries read here. Never updated, never deleted.
CREATE TABLE structure_versions (
    structure_id    NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    version         INT NOT NULL,
    effective_from  NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    recorded_at     NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    reason          NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    data            NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    PRIMARY KEY (structure_id, version)
);

-- Activity declarations: one row per revision, immutable.
CREATE TABLE declarations (
    declaration_id  NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL PRIMARY KEY,
    structure_id    NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL REFERENCES structures (structure_id),
    year            INT NOT NULL,
    version         NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    revision        INT NOT NULL,
    recorded_at     NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    data            NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    UNIQUE (structure_id, year, version, revision)
);

-- CEJ reference amounts, one per structure and reference year.
CREATE TABLE cej_references (
    structure_id    NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL REFERENCES structures (structure_id),
    reference_year  INT NOT NULL,
    convention_id   NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    amount_cents    BIGINT NOT NULL,
    recorded_at     NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    data            NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    PRIMARY KEY (structure_id, reference_year)
);
CREATE INDEX ix_cej_references_convention ON cej_references (convention_id, structure_id, reference_year);
