-- Barèmes as managed data (RULES.md §0): each load is a numbered, immutable parameter set with its files.
-- The shipped files are set 0 and are not stored here.
CREATE TABLE parameter_sets (
    number           INT NOT NULL PRIMARY KEY,
    base_number      INT NOT NULL,
    author_subject   NVARCHAR(200) NOT NULL,
    author_name      NVARCHAR(400) NOT NULL,
    source_note      NVARCHAR(2000) NOT NULL,
    effective_from   NVARCHAR(10) NOT NULL,
    content_hash     NVARCHAR(64) NOT NULL,
    loaded_at        NVARCHAR(40) NOT NULL,
    parameter_count  INT NOT NULL,
    changed_keys     NVARCHAR(MAX) NOT NULL
);
CREATE INDEX ix_parameter_sets_effective ON parameter_sets (effective_from, number);

CREATE TABLE parameter_set_files (
    number  INT NOT NULL REFERENCES parameter_sets (number),
    path    NVARCHAR(400) NOT NULL,
    yaml    NVARCHAR(MAX) NOT NULL,
    PRIMARY KEY (number, path)
);
-- A loaded set is evidence of what computations used: never changed, never removed. CREATE TRIGGER must open
-- its own batch, hence EXEC: the script stays one batch, with no GO separator to interpret.
EXEC (N'CREATE TRIGGER parameter_sets_immutable ON parameter_sets INSTEAD OF UPDATE, DELETE AS
BEGIN
    THROW 50001, N''parameter sets are immutable'', 1;
END');
EXEC (N'CREATE TRIGGER parameter_set_files_immutable ON parameter_set_files INSTEAD OF UPDATE, DELETE AS
BEGIN
    THROW 50001, N''parameter sets are immutable'', 1;
END');
