-- T-SQL (SQL Server 2022) of the migration of the same number in ../postgres; text columns use a binary
-- collation so that comparisons, keys and ORDER BY behave as on SQLite and PostgreSQL (case-sensitive).
-- Read models of the reporting service (PostgreSQL twin of the SQLite script). Every row is built from events only; source_sequence is the
-- position of the last applied event in its source service's outbox (CloudEvent attribute ctgsequence),
-- so that an older event arriving late (another topic, or a replay interleaved with live events)
-- never overwrites a newer state.

CREATE TABLE rm_structures (
    structure_id                NVARCHAR(150) COLLATE Latin1_General_100_BIN2 PRIMARY KEY,
    version                     BIGINT NOT NULL,
    kind                        NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    name                        NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    commune_insee               NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    commune_name                NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    manager_name                NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    management_mode             NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NULL,
    supporting_collectivity_id  NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    convention_id               NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    agreed_places               BIGINT NULL,
    opening_date                NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NULL,
    closing_date                NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NULL,
    closed                      BIGINT NOT NULL,
    source_sequence             BIGINT NOT NULL
);
CREATE INDEX ix_rm_structures_manager ON rm_structures (manager_name, structure_id);
CREATE INDEX ix_rm_structures_convention ON rm_structures (convention_id);

CREATE TABLE rm_declarations (
    declaration_id   NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    revision         BIGINT NOT NULL,
    structure_id     NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    year             BIGINT NOT NULL,
    version          NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    received_on      NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    late             BIGINT NOT NULL,
    source_sequence  BIGINT NOT NULL,
    PRIMARY KEY (declaration_id, revision)
);

CREATE TABLE rm_cej_references (
    structure_id                NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    reference_year              BIGINT NOT NULL,
    kind                        NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    amount_cents                BIGINT NOT NULL,
    unit                        NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    reference_units             FLOAT NOT NULL,
    supporting_collectivity_id  NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    convention_id               NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    source_sequence             BIGINT NOT NULL,
    PRIMARY KEY (structure_id, reference_year)
);

CREATE TABLE rm_funding_runs (
    run_id                 NVARCHAR(150) COLLATE Latin1_General_100_BIN2 PRIMARY KEY,
    convention_id          NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    year                   BIGINT NOT NULL,
    declaration_version    NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    computed_at            NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    total_envelope_cents   BIGINT NOT NULL,
    total_allocated_cents  BIGINT NOT NULL,
    source_sequence        BIGINT NOT NULL
);
CREATE INDEX ix_rm_funding_runs_ctg ON rm_funding_runs (convention_id, year);

CREATE TABLE rm_funding_groups (
    run_id                      NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    supporting_collectivity_id  NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    kind                        NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    envelope_cents              BIGINT NOT NULL,
    allocated_cents             BIGINT NOT NULL,
    difference_cents            BIGINT NOT NULL,
    causes                      NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    PRIMARY KEY (run_id, supporting_collectivity_id, kind)
);

CREATE TABLE rm_funding_structures (
    run_id                      NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    structure_id                NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    kind                        NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    supporting_collectivity_id  NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    total_cents                 BIGINT NOT NULL,
    bonus_territoire_cents      BIGINT NOT NULL,
    reference_cents             BIGINT NOT NULL,
    PRIMARY KEY (run_id, structure_id)
);
CREATE INDEX ix_rm_funding_structures_structure ON rm_funding_structures (structure_id);

-- Kept apart from the runs: an approval may be delivered before the computation it approves.
CREATE TABLE rm_allocation_approvals (
    run_id           NVARCHAR(150) COLLATE Latin1_General_100_BIN2 PRIMARY KEY,
    convention_id    NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    year             BIGINT NOT NULL,
    approved_at      NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    source_sequence  BIGINT NOT NULL
);

CREATE TABLE rm_payments (
    payment_id       NVARCHAR(150) COLLATE Latin1_General_100_BIN2 PRIMARY KEY,
    structure_id     NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    year             BIGINT NOT NULL,
    kind             NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    amount_cents     BIGINT NOT NULL,
    due_on           NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NULL,
    run_id           NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NULL,
    source_sequence  BIGINT NOT NULL
);
CREATE INDEX ix_rm_payments_structure ON rm_payments (structure_id, year);

CREATE TABLE rm_conventions (
    convention_id    NVARCHAR(150) COLLATE Latin1_General_100_BIN2 PRIMARY KEY,
    name             NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    period_start     NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NULL,
    period_end       NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NULL,
    terminated_on    NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NULL,
    source_sequence  BIGINT NOT NULL
);

CREATE TABLE rm_communes (
    convention_id     NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    insee_code        NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    name              NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    legal_population  BIGINT NULL,
    removed           BIGINT NOT NULL,
    source_sequence   BIGINT NOT NULL,
    PRIMARY KEY (convention_id, insee_code)
);

CREATE TABLE rm_ao_holdings (
    convention_id    NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    insee_code       NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    competence       NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    holder_id        NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    holder_name      NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    holder_kind      NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    effective_on     NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    source_sequence  BIGINT NOT NULL,
    PRIMARY KEY (convention_id, insee_code, competence)
);

CREATE TABLE rm_actions (
    convention_id    NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    action_id        NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    axis_id          NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    objective_id     NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    title            NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    pilot            NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    year             BIGINT NOT NULL,
    quarter          BIGINT NOT NULL,
    status           NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    recorded_on      NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    source_sequence  BIGINT NOT NULL,
    PRIMARY KEY (convention_id, action_id)
);

CREATE TABLE rm_indicators (
    convention_id    NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    action_id        NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    indicator_id     NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    axis_id          NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    name             NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    unit             NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    baseline         FLOAT NOT NULL,
    target           FLOAT NOT NULL,
    value            FLOAT NOT NULL,
    source_sequence  BIGINT NOT NULL,
    PRIMARY KEY (convention_id, action_id, indicator_id)
);

-- How many events of each topic were applied: with the inbox, the proof that none was applied twice.
CREATE TABLE rm_applied_events (
    topic    NVARCHAR(150) COLLATE Latin1_General_100_BIN2 PRIMARY KEY,
    applied  BIGINT NOT NULL
);
