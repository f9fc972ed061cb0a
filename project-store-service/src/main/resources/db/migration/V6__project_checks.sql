-- The commands the sandbox runs on the project: setup (optional) and check (its tests), from the plan.
ALTER TABLE project ADD COLUMN setup_command text, ADD COLUMN check_command text;
