-- Territory data for new EAJE places (RULES.md §6.1): per commune and from a year, its wealth stratum and
-- whether it lies in a QPV or a ZRR. A later line for the same commune and year replaces the earlier one.
CREATE TABLE territory_communes (
    commune_insee  NVARCHAR(5) NOT NULL,
    from_year      INT NOT NULL,
    stratum        INT NOT NULL,
    qpv            INT NOT NULL,
    zrr            INT NOT NULL,
    source_note    NVARCHAR(2000) NOT NULL,
    loaded_by      NVARCHAR(200) NOT NULL,
    loaded_at      NVARCHAR(40) NOT NULL,
    PRIMARY KEY (commune_insee, from_year)
);
