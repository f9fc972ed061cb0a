-- One account per Telegram user; the ledger and its balance arrive with the billing feature.
CREATE TABLE account (
    user_id    BIGINT      PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
