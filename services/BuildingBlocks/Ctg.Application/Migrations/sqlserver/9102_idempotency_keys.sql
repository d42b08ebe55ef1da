-- The first response to each client request id, so a retried create returns it instead of creating
-- twice. The hash tells a retry (same request) from a reuse of the id for another request.
CREATE TABLE idempotency_keys (
    client_request_id  NVARCHAR(200) NOT NULL CONSTRAINT pk_idempotency_keys PRIMARY KEY,
    command            NVARCHAR(200) NOT NULL,
    request_sha256     NVARCHAR(64) NOT NULL,
    response           VARBINARY(MAX) NOT NULL,
    created_at         NVARCHAR(40) NOT NULL
);
