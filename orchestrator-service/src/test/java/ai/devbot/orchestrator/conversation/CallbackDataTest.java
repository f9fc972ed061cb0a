package ai.devbot.orchestrator.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.devbot.orchestrator.conversation.callback.CallbackData;
import ai.devbot.orchestrator.conversation.callback.CallbackData.Action;

class CallbackDataTest {

    @Test
    void theButtonsWeSendParseBack() {
        for (Action action : Action.values()) {
            if (action == Action.BUY || action == Action.TIER) {
                continue;
            }
            CallbackData data = CallbackData.parse(action.ofTask() ? CallbackData.ofTask(action, 17, 3)
                    : CallbackData.of(action, 17)).orElseThrow();
            assertEquals(action, data.action());
            assertEquals(17L, data.projectId());
            if (action.ofTask()) {
                assertEquals(3, data.taskNumber());
            } else {
                assertNull(data.taskNumber());
            }
        }
        assertEquals("medium", CallbackData.parse(CallbackData.buy("medium")).orElseThrow().packId());
        CallbackData tier = CallbackData.parse(CallbackData.tier(17, "economy")).orElseThrow();
        assertEquals(Action.TIER, tier.action());
        assertEquals(17L, tier.projectId());
        assertEquals("economy", tier.tier());
    }

    @Test
    void malformedAndHostileDataIsNotUnderstood() {
        for (String forged : new String[] { null, "", "impl:all", "impl:all:p", "impl:all:p0", "impl:all:p-3",
                "impl:all:17", "impl:all:p17:extra", "rm:p17", "impl:all:p99999999999999999999", "buy:", "buy:../x",
                "buy:MEDIUM", "use:p1 OR 1=1", "dl:p１７", "undo:p17", "diff:p17", "undo:p17:t0", "undo:p17:t-1",
                "undo:p17:t123456", "undo:p17:t3:t4", "impl:all:p17:t3", "undo:t3", "undo:p17:3", "go:p17", "go:all:p17:t3",
                "go:next:p17:t2", "go:any:p17", "go:p17:t0", "again:p17", "stop:p17:t0", "tier:p17", "tier:p17:",
                "tier:p0:economy", "tier:p17:ECONOMY", "tier:p17:-x", "tier:p17:eco nomy",
                "tier:p17:economy:more" }) {
            assertTrue(CallbackData.parse(forged).isEmpty(), "understood: " + forged);
        }
    }

    @Test
    void everyButtonFitsTelegramsLimit() {
        assertTrue(CallbackData.of(Action.IMPLEMENT_NEXT, Long.MAX_VALUE).getBytes().length <= 64);
        assertTrue(CallbackData.ofTask(Action.UNDO, Long.MAX_VALUE, 99_999).getBytes().length <= 64);
        assertTrue(CallbackData.ofTask(Action.UNDO_PAUSED, Long.MAX_VALUE, 99_999).getBytes().length <= 64);
        assertTrue(CallbackData.tier(999_999_999_999_999_999L, "a".repeat(20)).getBytes().length <= 64);
    }
}
