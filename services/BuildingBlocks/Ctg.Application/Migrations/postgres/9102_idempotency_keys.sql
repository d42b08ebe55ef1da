-- The first response to each client request id, so a retried create returns it instead of creating
-- twice. The hash tells a retry (same request) from a reuse of the id for another request.
CREATE TABLE idempotency_keys (
    client_request_id  TEXT PRIMARY KEY,
    command            TEXT NOT NULL,
    request_sha256     TEXT NOT NULL,
    response           BYTEA NOT NULL,
    created_at         TEXT NOT NULL
);
