-- Every usage charge writes a usage_charge row and a ledger entry; each B-tree index on them is
-- another write per model call. The day-range reports scan append-ordered timestamps, which a
-- BRIN index serves at a fraction of the cost, and nothing reads usage charges by job.
DROP INDEX ledger_entry_by_day;
CREATE INDEX ledger_entry_by_day ON ledger_entry USING brin (created_at);
DROP INDEX usage_charge_by_occurred_at;
CREATE INDEX usage_charge_by_occurred_at ON usage_charge USING brin (occurred_at);
DROP INDEX usage_charge_by_job;
