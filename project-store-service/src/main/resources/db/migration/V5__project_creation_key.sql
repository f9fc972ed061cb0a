-- A caller's key for a project creation, so a repeated request (an orchestrator step re-run after
-- a crash) finds the project it already created instead of making a second one.
ALTER TABLE project ADD COLUMN creation_key text;
CREATE UNIQUE INDEX project_owner_creation_key ON project (owner_id, creation_key) WHERE creation_key IS NOT NULL;
