-- A counter row per key and day was a hot spot: every usage of that key in the same day waited for
-- the previous transaction's row lock. API-key usage is now aggregated from usage_charge on read.
DROP TABLE api_key_usage;
CREATE INDEX usage_charge_by_occurred_at ON usage_charge (occurred_at);
