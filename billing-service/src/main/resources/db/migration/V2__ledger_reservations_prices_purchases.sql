-- Credits are integers: 1 credit = 1/1000 of a US cent (USD 1 = 100,000 credits).
-- The balance is a cache of the ledger kept in the same transaction as every entry; 'reserved' is
-- the sum of open reservations' unconsumed amounts. Both are checked by /api/admin/audit.
ALTER TABLE account
    ADD COLUMN balance    BIGINT      NOT NULL DEFAULT 0,
    ADD COLUMN reserved   BIGINT      NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();

CREATE TABLE ledger_entry (
    id              BIGSERIAL   PRIMARY KEY,
    user_id         BIGINT      NOT NULL REFERENCES account (user_id),
    kind            TEXT        NOT NULL CHECK (kind IN ('GRANT', 'PURCHASE', 'USAGE', 'REFUND', 'ADJUSTMENT')),
    amount          BIGINT      NOT NULL CHECK (amount <> 0),
    balance_after   BIGINT      NOT NULL,
    idempotency_key TEXT        NOT NULL UNIQUE,
    reference       TEXT,
    reason          TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ledger_entry_by_user ON ledger_entry (user_id, id DESC);
CREATE INDEX ledger_entry_by_day ON ledger_entry (created_at);

CREATE TABLE reservation (
    id         TEXT        PRIMARY KEY,
    user_id    BIGINT      NOT NULL REFERENCES account (user_id),
    job_id     TEXT        NOT NULL,
    amount     BIGINT      NOT NULL CHECK (amount > 0),
    consumed   BIGINT      NOT NULL DEFAULT 0 CHECK (consumed >= 0),
    status     TEXT        NOT NULL CHECK (status IN ('OPEN', 'CLOSED', 'EXPIRED')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    closed_at  TIMESTAMPTZ
);
CREATE INDEX reservation_open_by_expiry ON reservation (expires_at) WHERE status = 'OPEN';
CREATE INDEX reservation_open_by_job ON reservation (user_id, job_id) WHERE status = 'OPEN';

-- Prices in credits per million tokens; a new row with a later effective_from changes the price
-- from then on and never re-prices earlier usage.
CREATE TABLE model_price (
    id                BIGSERIAL   PRIMARY KEY,
    provider          TEXT        NOT NULL,
    model             TEXT        NOT NULL,
    input_per_million BIGINT      NOT NULL CHECK (input_per_million >= 0),
    output_per_million BIGINT     NOT NULL CHECK (output_per_million >= 0),
    effective_from    TIMESTAMPTZ NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (provider, model, effective_from)
);
-- Defaults for the models the agent-service uses (list prices, USD per million tokens x 100,000).
INSERT INTO model_price (provider, model, input_per_million, output_per_million, effective_from) VALUES
    ('gemini', 'gemini-2.5-pro', 125000, 1000000, '2025-01-01T00:00:00Z'),
    ('gemini', 'gemini-2.5-flash', 30000, 250000, '2025-01-01T00:00:00Z'),
    ('openrouter', 'qwen/qwen3-coder', 22000, 95000, '2025-01-01T00:00:00Z'),
    ('openrouter', 'deepseek/deepseek-chat-v3.1', 27000, 110000, '2025-01-01T00:00:00Z'),
    ('openrouter', 'openai/gpt-4o-mini', 15000, 60000, '2025-01-01T00:00:00Z');

-- Every charged usage event, once: the event id is the dedupe key, written in the same
-- transaction as its ledger entry.
CREATE TABLE usage_charge (
    event_id       TEXT        PRIMARY KEY,
    user_id        BIGINT      NOT NULL,
    job_id         TEXT,
    project_id     BIGINT,
    operation      TEXT,
    provider       TEXT        NOT NULL,
    model          TEXT        NOT NULL,
    key_alias      TEXT,
    input_tokens   BIGINT      NOT NULL CHECK (input_tokens >= 0),
    output_tokens  BIGINT      NOT NULL CHECK (output_tokens >= 0),
    estimated      BOOLEAN     NOT NULL DEFAULT false,
    succeeded      BOOLEAN     NOT NULL DEFAULT true,
    cost           BIGINT      NOT NULL CHECK (cost >= 0),
    price_id       BIGINT      REFERENCES model_price (id),
    fallback_price BOOLEAN     NOT NULL DEFAULT false,
    occurred_at    TIMESTAMPTZ NOT NULL,
    charged_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX usage_charge_by_job ON usage_charge (job_id);

CREATE TABLE api_key_usage (
    day           DATE   NOT NULL,
    provider      TEXT   NOT NULL,
    key_alias     TEXT   NOT NULL,
    requests      BIGINT NOT NULL DEFAULT 0,
    errors        BIGINT NOT NULL DEFAULT 0,
    input_tokens  BIGINT NOT NULL DEFAULT 0,
    output_tokens BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, provider, key_alias)
);

CREATE TABLE purchase (
    telegram_payment_charge_id TEXT        PRIMARY KEY,
    user_id                    BIGINT      NOT NULL REFERENCES account (user_id),
    pack_id                    TEXT        NOT NULL,
    stars                      INTEGER     NOT NULL CHECK (stars > 0),
    credits                    BIGINT      NOT NULL CHECK (credits > 0),
    status                     TEXT        NOT NULL CHECK (status IN ('PAID', 'REFUNDED')),
    created_at                 TIMESTAMPTZ NOT NULL DEFAULT now(),
    refunded_at                TIMESTAMPTZ
);
