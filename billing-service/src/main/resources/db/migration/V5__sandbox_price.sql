-- Sandbox time is charged like tokens (docs/contracts/billing-usage/usage-sandbox.json): provider 'sandbox',
-- model = the runner, the input quantity is milliseconds. 2,000 credits per million ms = 2 credits a second
-- (0.002 US cent), about what a small cloud container costs. Operators change it like any model price.
INSERT INTO model_price (provider, model, input_per_million, output_per_million, effective_from) VALUES
    ('sandbox', 'local', 2000, 0, '2025-01-01T00:00:00Z'),
    ('sandbox', 'kubernetes', 2000, 0, '2025-01-01T00:00:00Z');
