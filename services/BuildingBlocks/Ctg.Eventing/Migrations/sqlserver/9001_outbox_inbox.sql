-- T-SQL (SQL Server 2022) of the migration of the same number in ../postgres; text columns use a binary
-- collation so that comparisons, keys and ORDER BY behave as on SQLite and PostgreSQL (case-sensitive).
-- Events written in the same transaction as the change that caused them; kept after publishing
-- so that a service can replay everything it ever published.
CREATE TABLE outbox (
    sequence      BIGINT IDENTITY(1,1) PRIMARY KEY,
    event_id      NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL UNIQUE,
    topic         NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    event_type    NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    source        NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    occurred_at   NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    data          NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    attempts      INT NOT NULL DEFAULT 0,
    published_at  NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NULL
);
CREATE INDEX ix_outbox_unpublished ON outbox (published_at, sequence);

-- Ids of events already handled, so that a redelivery has no second effect.
CREATE TABLE inbox (
    event_id      NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    consumer      NVARCHAR(150) COLLATE Latin1_General_100_BIN2 NOT NULL,
    processed_at  NVARCHAR(MAX) COLLATE Latin1_General_100_BIN2 NOT NULL,
    PRIMARY KEY (event_id, consumer)
);
