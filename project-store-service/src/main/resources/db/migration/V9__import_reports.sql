-- What an import took and refused, per imported project, whatever it came from (an upload or a git link):
-- a repeated import (same creation key) answers this report instead of importing again.
CREATE TABLE project_import (
    project_id  BIGINT      PRIMARY KEY REFERENCES project (id) ON DELETE CASCADE,
    source      TEXT        NOT NULL,
    report      JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
ALTER TABLE upload DROP COLUMN report;
