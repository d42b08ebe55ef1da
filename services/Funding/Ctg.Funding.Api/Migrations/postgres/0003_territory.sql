-- Territory data for new EAJE places (RULES.md §6.1): per commune and from a year, its wealth stratum and
-- whether it lies in a QPV or a ZRR. A later line for the same commune and year replaces the earlier one.
CREATE TABLE territory_communes (
    commune_insee  TEXT NOT NULL,
    from_year      INTEGER NOT NULL,
    stratum        INTEGER NOT NULL,
    qpv            INTEGER NOT NULL,
    zrr            INTEGER NOT NULL,
    source_note    TEXT NOT NULL,
    loaded_by      TEXT NOT NULL,
    loaded_at      TEXT NOT NULL,
    PRIMARY KEY (commune_insee, from_year)
);
