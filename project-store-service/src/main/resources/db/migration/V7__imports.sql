-- Imports: an uploaded archive waits here (bounded in size, kept a day) until a job imports it as a
-- project; upload_key (the Telegram update it came with) makes a re-sent upload find the first one.
CREATE TABLE upload (
    id          UUID        PRIMARY KEY,
    owner_id    BIGINT      NOT NULL,
    upload_key  TEXT        NOT NULL,
    file_name   TEXT        NOT NULL,
    content     BYTEA       NOT NULL,
    sha256      TEXT        NOT NULL,
    report      JSONB,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (owner_id, upload_key)
);
CREATE INDEX upload_by_age ON upload (created_at);

-- Binary files of an imported project (images, fonts…): kept and exported, never indexed or edited.
CREATE TABLE project_binary (
    project_id  BIGINT      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    path        TEXT        NOT NULL,
    content     BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, path)
);
