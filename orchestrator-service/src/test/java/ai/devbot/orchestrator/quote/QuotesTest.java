package ai.devbot.orchestrator.quote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.devbot.orchestrator.client.billing.BillingRecords;

class QuotesTest {

    private static final long CAP = 40_000;

    @Test
    void withEnoughHistoryATasksRangeIsWhatTheMiddleEightyPercentOfRealTasksSpent() {
        var history = new BillingRecords.TaskSpend(Quotes.MIN_HISTORY, 900, 2_000, 7_500, 30_000, 1.4);

        Quotes.PerTask perTask = Quotes.perTask(history, 5_000, 3, CAP);

        assertEquals(new Quotes.PerTask(900, 7_500, true), perTask);
    }

    @Test
    void withLittleHistoryTheRangeIsASmallShareOfOneAttemptToEveryAttemptAtItsWorst() {
        var few = new BillingRecords.TaskSpend(Quotes.MIN_HISTORY - 1, 900, 2_000, 7_500, 30_000, 1.4);

        assertEquals(new Quotes.PerTask(250, 15_000, false), Quotes.perTask(few, 5_000, 3, CAP));
        assertEquals(new Quotes.PerTask(250, 15_000, false), Quotes.perTask(null, 5_000, 3, CAP));
    }

    @Test
    void neverAboveTheTaskCapWhichStopsATaskAnyway() {
        assertEquals(new Quotes.PerTask(10_000, CAP, false), Quotes.perTask(null, 200_000, 3, CAP));
        var expensive = new BillingRecords.TaskSpend(500, 50_000, 60_000, 90_000, 90_000, 3);
        assertEquals(new Quotes.PerTask(CAP, CAP, true), Quotes.perTask(expensive, 5_000, 3, CAP));
    }

    @Test
    void theLineSaysTheRangeInCreditsAndStarsAndWhetherTheBalanceCoversIt() {
        Quote quote = new Quote(4, 6_000, 60_000, true, 40_000, 500.0 / 50);

        assertEquals(600L, quote.stars(6_000));
        assertEquals("💰 Estimated: 6,000–60,000 credits (≈ 600–6,000 ⭐) for 4 tasks — from what similar tasks have "
                + "cost; your balance may not cover all of it (/buy).", quote.line());
        assertTrue(new Quote(1, 100, 200, true, 50, 10).line().contains("more than your balance (50 credits; /buy)"));
        Quote noPacks = new Quote(1, 100, 200, false, 500, 0);
        assertNull(noPacks.stars(100));
        assertFalse(noPacks.line().contains("⭐"), noPacks.line());
    }
}
