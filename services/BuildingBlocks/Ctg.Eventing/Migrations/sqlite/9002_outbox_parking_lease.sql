-- An event the sidecar refused Eventing:MaxPublishAttempts times is parked: the outbox row is set
-- aside (parked_at) so that the events after it go on, and the reason is kept here for an
-- administrator (ctg.eventing.v1.ParkedEvents) to retry or discard it.
ALTER TABLE outbox ADD COLUMN parked_at TEXT NULL;
ALTER TABLE outbox ADD COLUMN last_error TEXT NULL;

CREATE TABLE outbox_parked (
    sequence        BIGINT NOT NULL PRIMARY KEY,
    event_id        TEXT NOT NULL UNIQUE,
    topic           TEXT NOT NULL,
    event_type      TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    reason          TEXT NOT NULL,
    parked_at       TEXT NOT NULL,
    discarded_at    TEXT NULL,
    discard_reason  TEXT NULL
);

-- One row per publisher role: the instance whose owner id is here and whose lease has not expired
-- is the only one that publishes, so two replicas never send the same rows at the same time.
-- Taken and renewed with a conditional UPDATE (owner = me OR expired).
CREATE TABLE outbox_lease (
    name        TEXT NOT NULL PRIMARY KEY,
    owner       TEXT NULL,
    expires_at  TEXT NOT NULL
);
INSERT INTO outbox_lease (name, owner, expires_at) VALUES ('outbox', NULL, '0001-01-01T00:00:00.0000000Z');
