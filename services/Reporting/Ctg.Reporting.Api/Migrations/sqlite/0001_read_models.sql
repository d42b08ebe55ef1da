-- Read models of the reporting service. Every row is built from events only; source_sequence is the
-- position of the last applied event in its source service's outbox (CloudEvent attribute ctgsequence),
-- so that an older event arriving late (another topic, or a replay interleaved with live events)
-- never overwrites a newer state.

CREATE TABLE rm_structures (
    structure_id                TEXT PRIMARY KEY,
    version                     INTEGER NOT NULL,
    kind                        TEXT NOT NULL,
    name                        TEXT NOT NULL,
    commune_insee               TEXT NOT NULL,
    commune_name                TEXT NOT NULL,
    manager_name                TEXT NOT NULL,
    management_mode             TEXT NULL,
    supporting_collectivity_id  TEXT NOT NULL,
    convention_id               TEXT NOT NULL,
    agreed_places               INTEGER NULL,
    opening_date                TEXT NULL,
    closing_date                TEXT NULL,
    closed                      INTEGER NOT NULL,
    source_sequence             INTEGER NOT NULL
);
CREATE INDEX ix_rm_structures_manager ON rm_structures (manager_name, structure_id);
CREATE INDEX ix_rm_structures_convention ON rm_structures (convention_id);

CREATE TABLE rm_declarations (
    declaration_id   TEXT NOT NULL,
    revision         INTEGER NOT NULL,
    structure_id     TEXT NOT NULL,
    year             INTEGER NOT NULL,
    version          TEXT NOT NULL,
    received_on      TEXT NOT NULL,
    late             INTEGER NOT NULL,
    source_sequence  INTEGER NOT NULL,
    PRIMARY KEY (declaration_id, revision)
);

CREATE TABLE rm_cej_references (
    structure_id                TEXT NOT NULL,
    reference_year              INTEGER NOT NULL,
    kind                        TEXT NOT NULL,
    amount_cents                INTEGER NOT NULL,
    unit                        TEXT NOT NULL,
    reference_units             REAL NOT NULL,
    supporting_collectivity_id  TEXT NOT NULL,
    convention_id               TEXT NOT NULL,
    source_sequence             INTEGER NOT NULL,
    PRIMARY KEY (structure_id, reference_year)
);

CREATE TABLE rm_funding_runs (
    run_id                 TEXT PRIMARY KEY,
    convention_id          TEXT NOT NULL,
    year                   INTEGER NOT NULL,
    declaration_version    TEXT NOT NULL,
    computed_at            TEXT NOT NULL,
    total_envelope_cents   INTEGER NOT NULL,
    total_allocated_cents  INTEGER NOT NULL,
    source_sequence        INTEGER NOT NULL
);
CREATE INDEX ix_rm_funding_runs_ctg ON rm_funding_runs (convention_id, year);

CREATE TABLE rm_funding_groups (
    run_id                      TEXT NOT NULL,
    supporting_collectivity_id  TEXT NOT NULL,
    kind                        TEXT NOT NULL,
    envelope_cents              INTEGER NOT NULL,
    allocated_cents             INTEGER NOT NULL,
    difference_cents            INTEGER NOT NULL,
    causes                      TEXT NOT NULL,
    PRIMARY KEY (run_id, supporting_collectivity_id, kind)
);

CREATE TABLE rm_funding_structures (
    run_id                      TEXT NOT NULL,
    structure_id                TEXT NOT NULL,
    kind                        TEXT NOT NULL,
    supporting_collectivity_id  TEXT NOT NULL,
    total_cents                 INTEGER NOT NULL,
    bonus_territoire_cents      INTEGER NOT NULL,
    reference_cents             INTEGER NOT NULL,
    PRIMARY KEY (run_id, structure_id)
);
CREATE INDEX ix_rm_funding_structures_structure ON rm_funding_structures (structure_id);

-- Kept apart from the runs: an approval may be delivered before the computation it approves.
CREATE TABLE rm_allocation_approvals (
    run_id           TEXT PRIMARY KEY,
    convention_id    TEXT NOT NULL,
    year             INTEGER NOT NULL,
    approved_at      TEXT NOT NULL,
    source_sequence  INTEGER NOT NULL
);

CREATE TABLE rm_payments (
    payment_id       TEXT PRIMARY KEY,
    structure_id     TEXT NOT NULL,
    year             INTEGER NOT NULL,
    kind             TEXT NOT NULL,
    amount_cents     INTEGER NOT NULL,
    due_on           TEXT NULL,
    run_id           TEXT NULL,
    source_sequence  INTEGER NOT NULL
);
CREATE INDEX ix_rm_payments_structure ON rm_payments (structure_id, year);

CREATE TABLE rm_conventions (
    convention_id    TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    period_start     TEXT NULL,
    period_end       TEXT NULL,
    terminated_on    TEXT NULL,
    source_sequence  INTEGER NOT NULL
);

CREATE TABLE rm_communes (
    convention_id     TEXT NOT NULL,
    insee_code        TEXT NOT NULL,
    name              TEXT NOT NULL,
    legal_population  INTEGER NULL,
    removed           INTEGER NOT NULL,
    source_sequence   INTEGER NOT NULL,
    PRIMARY KEY (convention_id, insee_code)
);

CREATE TABLE rm_ao_holdings (
    convention_id    TEXT NOT NULL,
    insee_code       TEXT NOT NULL,
    competence       TEXT NOT NULL,
    holder_id        TEXT NOT NULL,
    holder_name      TEXT NOT NULL,
    holder_kind      TEXT NOT NULL,
    effective_on     TEXT NOT NULL,
    source_sequence  INTEGER NOT NULL,
    PRIMARY KEY (convention_id, insee_code, competence)
);

CREATE TABLE rm_actions (
    convention_id    TEXT NOT NULL,
    action_id        TEXT NOT NULL,
    axis_id          TEXT NOT NULL,
    objective_id     TEXT NOT NULL,
    title            TEXT NOT NULL,
    pilot            TEXT NOT NULL,
    year             INTEGER NOT NULL,
    quarter          INTEGER NOT NULL,
    status           TEXT NOT NULL,
    recorded_on      TEXT NOT NULL,
    source_sequence  INTEGER NOT NULL,
    PRIMARY KEY (convention_id, action_id)
);

CREATE TABLE rm_indicators (
    convention_id    TEXT NOT NULL,
    action_id        TEXT NOT NULL,
    indicator_id     TEXT NOT NULL,
    axis_id          TEXT NOT NULL,
    name             TEXT NOT NULL,
    unit             TEXT NOT NULL,
    baseline         REAL NOT NULL,
    target           REAL NOT NULL,
    value            REAL NOT NULL,
    source_sequence  INTEGER NOT NULL,
    PRIMARY KEY (convention_id, action_id, indicator_id)
);

-- How many events of each topic were applied: with the inbox, the proof that none was applied twice.
CREATE TABLE rm_applied_events (
    topic    TEXT PRIMARY KEY,
    applied  INTEGER NOT NULL
);
