-- Events written in the same transaction as the change that caused them; kept after publishing
-- so that a service can replay everything it ever published.
CREATE TABLE outbox (
    sequence      BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
    event_id      NVARCHAR(64) NOT NULL UNIQUE,
    topic         NVARCHAR(200) NOT NULL,
    event_type    NVARCHAR(250) NOT NULL,
    source        NVARCHAR(200) NOT NULL,
    occurred_at   NVARCHAR(40) NOT NULL,
    data          NVARCHAR(MAX) NOT NULL,
    attempts      INT NOT NULL DEFAULT 0,
    published_at  NVARCHAR(40) NULL
);
CREATE INDEX ix_outbox_unpublished ON outbox (published_at, sequence);

-- Ids of events already handled, so that a redelivery has no second effect.
CREATE TABLE inbox (
    event_id      NVARCHAR(64) NOT NULL,
    consumer      NVARCHAR(200) NOT NULL,
    processed_at  NVARCHAR(40) NOT NULL,
    CONSTRAINT pk_inbox PRIMARY KEY (event_id, consumer)
);
