-- Prices of the models the shipped tiers name (agent-service agent.tiers: economy and strong; standard's were in
-- V2), in credits per million tokens at 100,000 credits per US dollar, from the providers' list prices of
-- 2026-12. A model an operator has priced already keeps its price. Operators change them like any price
-- (POST /api/admin/prices).
INSERT INTO model_price (provider, model, input_per_million, output_per_million, effective_from)
SELECT shipped.provider, shipped.model, shipped.input_per_million, shipped.output_per_million,
       shipped.effective_from::timestamptz
FROM (VALUES
    ('openrouter', 'qwen/qwen-2.5-coder-32b-instruct', 7000, 16000, '2025-01-01T00:00:00Z'),
    ('gemini', 'gemini-2.5-pro', 125000, 1000000, '2025-01-01T00:00:00Z'),
    ('openrouter', 'anthropic/claude-sonnet-4', 300000, 1500000, '2025-01-01T00:00:00Z'))
    AS shipped (provider, model, input_per_million, output_per_million, effective_from)
WHERE NOT EXISTS (SELECT 1 FROM model_price priced
                  WHERE priced.provider = shipped.provider AND priced.model = shipped.model);
