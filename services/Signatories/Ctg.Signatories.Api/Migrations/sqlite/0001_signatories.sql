-- One row per convention: its current stored form (ConventionRecord as protobuf JSON) and the
-- optimistic-concurrency version every command checks.
CREATE TABLE conventions (
    convention_id    TEXT NOT NULL PRIMARY KEY,
    caf_departement  TEXT NOT NULL,
    name             TEXT NOT NULL,
    version          INTEGER NOT NULL,
    record           TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX ix_conventions_caf ON conventions (caf_departement, convention_id);

-- Every version of every convention, so that nothing is ever overwritten.
CREATE TABLE convention_versions (
    convention_id  TEXT NOT NULL REFERENCES conventions (convention_id),
    version        INTEGER NOT NULL,
    change_kind    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    record         TEXT NOT NULL,
    PRIMARY KEY (convention_id, version)
);

-- Signatory ids are global: the directory resolves one to its convention.
CREATE TABLE signatories (
    signatory_id   TEXT NOT NULL PRIMARY KEY,
    convention_id  TEXT NOT NULL REFERENCES conventions (convention_id)
);
CREATE INDEX ix_signatories_convention ON signatories (convention_id);

-- The action plan of a convention, versioned on its own (its quarterly follow-up is frequent).
CREATE TABLE action_plans (
    convention_id  TEXT NOT NULL PRIMARY KEY REFERENCES conventions (convention_id),
    version        INTEGER NOT NULL,
    plan           TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
