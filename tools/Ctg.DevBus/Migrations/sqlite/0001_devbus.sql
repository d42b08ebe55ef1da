-- Every message published to the bus, stored before the publisher gets its 2xx.
CREATE TABLE messages (
    sequence      INTEGER PRIMARY KEY AUTOINCREMENT,
    pubsub        TEXT NOT NULL,
    topic         TEXT NOT NULL,
    event_id      TEXT NOT NULL,
    cloud_event   TEXT NOT NULL,
    received_at   TEXT NOT NULL
);
CREATE INDEX ix_messages_topic ON messages (pubsub, topic, sequence);

-- The subscriptions apps declared at /dapr/subscribe, each with its delivery cursor: the last message
-- settled (delivered, dropped or dead-lettered). Delivery is strictly in order per subscription, so the
-- cursor plus the attempt count of the next message is the whole delivery state.
CREATE TABLE subscriptions (
    app                TEXT NOT NULL,
    pubsub             TEXT NOT NULL,
    topic              TEXT NOT NULL,
    route              TEXT NOT NULL,
    dead_letter_topic  TEXT NULL,
    active             INTEGER NOT NULL,
    delivered_through  INTEGER NOT NULL DEFAULT 0,
    attempts           INTEGER NOT NULL DEFAULT 0,
    discovered_at      TEXT NOT NULL,
    PRIMARY KEY (app, pubsub, topic)
);

-- Messages a subscriber never took: dead-lettered (forwarded to the dead-letter topic) or parked when
-- the subscription has no dead-letter topic. Kept for inspection.
CREATE TABLE undelivered (
    app               TEXT NOT NULL,
    pubsub            TEXT NOT NULL,
    topic             TEXT NOT NULL,
    message_sequence  INTEGER NOT NULL,
    outcome           TEXT NOT NULL,
    attempts          INTEGER NOT NULL,
    reason            TEXT NOT NULL,
    at                TEXT NOT NULL,
    PRIMARY KEY (app, pubsub, topic, message_sequence)
);
