-- Current state of each structure (one row), with the columns the queries filter on; the full
-- state is the ctg.structures.v1.Structure message (protobuf, base64) in `data`.
CREATE TABLE structures (
    structure_id                TEXT NOT NULL PRIMARY KEY,
    version                     INTEGER NOT NULL,
    kind                        TEXT NOT NULL,
    caf_dossier_number          TEXT NULL,
    caf_equipment_code          TEXT NULL,
    commune_insee               TEXT NULL,
    commune_key                 TEXT NOT NULL,
    manager_key                 TEXT NOT NULL,
    supporting_collectivity_id  TEXT NOT NULL,
    convention_id               TEXT NOT NULL,
    opening_date                TEXT NULL,
    closing_date                TEXT NULL,
    effective_from              TEXT NOT NULL,
    data                        TEXT NOT NULL
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
    structure_id    TEXT NOT NULL,
    version         INTEGER NOT NULL,
    effective_from  TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    reason          TEXT NOT NULL,
    data            TEXT NOT NULL,
    PRIMARY KEY (structure_id, version)
);

-- Activity declarations: one row per revision, immutable.
CREATE TABLE declarations (
    declaration_id  TEXT NOT NULL PRIMARY KEY,
    structure_id    TEXT NOT NULL REFERENCES structures (structure_id),
    year            INTEGER NOT NULL,
    version         TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    recorded_at     TEXT NOT NULL,
    data            TEXT NOT NULL,
    UNIQUE (structure_id, year, version, revision)
);

-- CEJ reference amounts, one per structure and reference year.
CREATE TABLE cej_references (
    structure_id    TEXT NOT NULL REFERENCES structures (structure_id),
    reference_year  INTEGER NOT NULL,
    convention_id   TEXT NOT NULL,
    amount_cents    BIGINT NOT NULL,
    recorded_at     TEXT NOT NULL,
    data            TEXT NOT NULL,
    PRIMARY KEY (structure_id, reference_year)
);
CREATE INDEX ix_cej_references_convention ON cej_references (convention_id, structure_id, reference_year);
