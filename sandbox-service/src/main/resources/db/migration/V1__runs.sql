-- One row per run id: claimed (RUNNING) before any command executes, holding the result once finished.
CREATE TABLE run (
    run_id         text PRIMARY KEY,
    owner_id       bigint NOT NULL,
    project_id     bigint NOT NULL,
    -- SHA-256 of the request without its id: the same id with another request is refused.
    request_hash   text NOT NULL,
    status         text NOT NULL CHECK (status IN ('RUNNING', 'PASSED', 'FAILED', 'ERROR')),
    result         jsonb,
    sandbox_millis bigint NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now(),
    finished_at    timestamptz
);

CREATE INDEX run_by_project ON run (owner_id, project_id, created_at DESC);
CREATE INDEX run_running ON run (created_at) WHERE status = 'RUNNING';
