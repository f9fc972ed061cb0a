-- A project's ordered to-do list. Numbers are stable: appending continues after the highest.
CREATE TABLE task (
    project_id           BIGINT      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    number               INT         NOT NULL,
    title                TEXT        NOT NULL,
    description          TEXT        NOT NULL DEFAULT '',
    acceptance_criteria  JSONB       NOT NULL DEFAULT '[]',
    status               TEXT        NOT NULL DEFAULT 'todo'
                         CHECK (status IN ('todo', 'in_progress', 'done', 'failed')),
    attempts             INT         NOT NULL DEFAULT 0,
    last_failure         TEXT,
    result_summary       TEXT,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, number)
);

-- One row per append request, so a retried append adds nothing twice.
CREATE TABLE task_append (
    project_id    BIGINT NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    append_id     TEXT   NOT NULL,
    first_number  INT    NOT NULL,
    count         INT    NOT NULL,
    PRIMARY KEY (project_id, append_id)
);
