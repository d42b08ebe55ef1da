-- Events written in the same transaction as the change that caused them; kept after publishing
-- so that a service can replay everything it ever published.
CREATE TABLE outbox (
    sequence      INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id      TEXT NOT NULL UNIQUE,
    topic         TEXT NOT NULL,
    event_type    TEXT NOT NULL,
    source        TEXT NOT NULL,
    occurred_at   TEXT NOT NULL,
    data          TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    published_at  TEXT NULL
);
CREATE INDEX ix_outbox_unpublished ON outbox (published_at, sequence);

-- Ids of events already handled, so that a redelivery has no second effect.
CREATE TABLE inbox (
    event_id      TEXT NOT NULL,
    consumer      TEXT NOT NULL,
    processed_at  TEXT NOT NULL,
    PRIMARY KEY (event_id, consumer)
);
