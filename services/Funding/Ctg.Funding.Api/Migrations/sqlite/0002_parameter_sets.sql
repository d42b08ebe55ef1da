-- Barèmes as managed data (RULES.md §0): each load is a numbered, immutable parameter set with its files.
-- The shipped files are set 0 and are not stored here.
CREATE TABLE parameter_sets (
    number           INTEGER PRIMARY KEY,
    base_number      INTEGER NOT NULL,
    author_subject   TEXT NOT NULL,
    author_name      TEXT NOT NULL,
    source_note      TEXT NOT NULL,
    effective_from   TEXT NOT NULL,
    content_hash     TEXT NOT NULL,
    loaded_at        TEXT NOT NULL,
    parameter_count  INTEGER NOT NULL,
    changed_keys     TEXT NOT NULL
);
CREATE INDEX ix_parameter_sets_effective ON parameter_sets (effective_from, number);

CREATE TABLE parameter_set_files (
    number  INTEGER NOT NULL REFERENCES parameter_sets (number),
    path    TEXT NOT NULL,
    yaml    TEXT NOT NULL,
    PRIMARY KEY (number, path)
);

-- A loaded set is evidence of what computations used: never changed, never removed.
CREATE TRIGGER parameter_sets_immutable BEFORE UPDATE ON parameter_sets
BEGIN
    SELECT RAISE(ABORT, 'parameter sets are immutable');
END;
CREATE TRIGGER parameter_sets_kept BEFORE DELETE ON parameter_sets
BEGIN
    SELECT RAISE(ABORT, 'parameter sets are immutable');
END;
CREATE TRIGGER parameter_set_files_immutable BEFORE UPDATE ON parameter_set_files
BEGIN
    SELECT RAISE(ABORT, 'parameter sets are immutable');
END;
CREATE TRIGGER parameter_set_files_kept BEFORE DELETE ON parameter_set_files
BEGIN
    SELECT RAISE(ABORT, 'parameter sets are immutable');
END;
