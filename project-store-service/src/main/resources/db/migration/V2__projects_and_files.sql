-- Projects, their current files, every earlier version, and applied edit batches (idempotency).
CREATE TABLE project (
    id            BIGSERIAL PRIMARY KEY,
    owner_id      BIGINT      NOT NULL,
    title         TEXT        NOT NULL,
    idea          TEXT        NOT NULL DEFAULT '',
    summary       TEXT        NOT NULL DEFAULT '',
    tech_stack    JSONB       NOT NULL DEFAULT '[]',
    architecture  TEXT        NOT NULL DEFAULT '',
    status        TEXT        NOT NULL DEFAULT 'planned',
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX project_by_owner ON project (owner_id, id);

CREATE TABLE project_file (
    project_id  BIGINT      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    path        TEXT        NOT NULL,
    content     TEXT        NOT NULL,
    version     INT         NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, path)
);

-- content NULL: the file was deleted in this version.
CREATE TABLE file_version (
    id           BIGSERIAL PRIMARY KEY,
    project_id   BIGINT      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    path         TEXT        NOT NULL,
    version      INT         NOT NULL,
    content      TEXT,
    batch_id     TEXT        NOT NULL,
    task_number  INT,
    attempt      INT,
    author       TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (project_id, path, version)
);
CREATE INDEX file_version_by_batch ON file_version (project_id, batch_id);

CREATE TABLE edit_batch (
    project_id  BIGINT      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    batch_id    TEXT        NOT NULL,
    outcome     JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, batch_id)
);
