-- /push: per project, the repository it pushes to and its deploy key. The private key is sealed
-- (AES-256-GCM, bound to the project) with the key-encryption key version it names; the public key
-- and the server's host key (met on the first push) are ordinary data.
CREATE TABLE project_push (
    project_id          BIGINT      PRIMARY KEY REFERENCES project (id) ON DELETE CASCADE,
    address             TEXT        NOT NULL,
    public_key          BYTEA       NOT NULL,
    private_key_sealed  BYTEA       NOT NULL,
    key_version         INT         NOT NULL,
    host_key            TEXT,
    pushed_commit       TEXT,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    pushed_at           TIMESTAMPTZ
);
