-- An event the sidecar refused Eventing:MaxPublishAttempts times is parked: the outbox row is set
-- aside (parked_at) so that the events after it go on, and the reason is kept here for an
-- administrator (ctg.eventing.v1.ParkedEvents) to retry or discard it.
ALTER TABLE outbox ADD parked_at NVARCHAR(40) NULL, last_error NVARCHAR(MAX) NULL;

CREATE TABLE outbox_parked (
    sequence        BIGINT NOT NULL PRIMARY KEY,
    event_id        NVARCHAR(64) NOT NULL UNIQUE,
    topic           NVARCHAR(200) NOT NULL,
    event_type      NVARCHAR(250) NOT NULL,
    attempts        INT NOT NULL,
    reason          NVARCHAR(MAX) NOT NULL,
    parked_at       NVARCHAR(40) NOT NULL,
    discarded_at    NVARCHAR(40) NULL,
    discard_reason  NVARCHAR(MAX) NULL
);

-- One row per publisher role: the instance whose owner id is here and whose lease has not expired
-- is the only one that publishes, so two replicas never send the same rows at the same time.
CREATE TABLE outbox_lease (
    name        NVARCHAR(50) NOT NULL PRIMARY KEY,
    owner       NVARCHAR(200) NULL,
    expires_at  NVARCHAR(40) NOT NULL
);
INSERT INTO outbox_lease (name, owner, expires_at) VALUES (N'outbox', NULL, N'0001-01-01T00:00:00.0000000Z');
