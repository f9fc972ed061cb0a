package ai.devbot.orchestrator.job.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.billing.BillingRecords;

/** The hold before a model call: the operation's token bounds at the current price, rounded up, exactly. */
class WorstCaseTest {

    static final AgentRecords.Limit PLAN = new AgentRecords.Limit("plan", "gemini", "gemini-2.5-flash", 40_000, 2,
            32_768);
    static final BillingRecords.Price FLASH = new BillingRecords.Price("gemini", "gemini-2.5-flash", 30_000, 250_000,
            false);

    @Test
    void theWorstCaseIsEveryTokenTheBoundsAllowAtThePriceRoundedUp() {
        // (40,000 + 2 × 1,500 request bytes) × 30,000 + 32,768 × 250,000 = 9,482,000,000 per million → 9,482 credits
        assertEquals(9_482, WorstCase.credits(PLAN, FLASH, 1_500));
        assertEquals(1, WorstCase.credits(new AgentRecords.Limit("plan", "g", "m", 1, 1, 0),
                new BillingRecords.Price("g", "m", 1, 1, false), 0), "a part of a credit is a credit");
    }

    @Test
    void boundsNobodyCouldPayOverflowLoudlyInsteadOfWrappingToASmallHold() {
        assertThrows(ArithmeticException.class, () -> WorstCase.credits(PLAN,
                new BillingRecords.Price("gemini", "x", Long.MAX_VALUE / 2, 1, false), 1_000));
    }
}
