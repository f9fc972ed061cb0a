-- The task a model call or sandbox run worked on (null outside a task: plans, change requests, READMEs):
-- what a task costs, from what tasks have really cost, is what the orchestrator quotes before work starts.
ALTER TABLE usage_charge ADD COLUMN task_number INT CHECK (task_number > 0);
