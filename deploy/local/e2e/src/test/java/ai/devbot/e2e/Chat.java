package ai.devbot.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import ai.devbot.testsupport.TelegramSimulator;

/** One user's chat with the bot through the simulated Telegram: what they send, what the bot did since. */
final class Chat {

    static final TelegramSimulator TELEGRAM = new TelegramSimulator(LocalStack.SIMULATOR);

    final long userId;
    private long seen;
    private final List<Map<String, Object>> transcript = new ArrayList<>();

    Chat(long userId) {
        this.userId = userId;
    }

    static Chat newUser() {
        return new Chat(8_000_000_000L + (long) (Math.random() * 1e9));
    }

    Chat send(String text) {
        TELEGRAM.send(userId, text);
        return this;
    }

    Chat press(String callbackData) {
        TELEGRAM.press(userId, callbackData, false);
        return this;
    }

    Chat pressForged(String callbackData) {
        TELEGRAM.press(userId, callbackData, true);
        return this;
    }

    /** Waits for the first action after the last one seen that matches, and moves past it. */
    Map<String, Object> await(Predicate<Map<String, Object>> wanted, double seconds, String what) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            for (Map<String, Object> action : TELEGRAM.actions(userId, seen, 1)) {
                seen = ((Number) action.get("seq")).longValue();
                transcript.add(action);
                if (wanted.test(action)) {
                    return action;
                }
            }
        }
        throw new AssertionError("the bot did not " + what + " within " + seconds + " s; it did: " + texts());
    }

    Map<String, Object> awaitMessage(String containing, double seconds) {
        return await(action -> "MESSAGE".equals(action.get("kind")) && text(action).contains(containing), seconds,
                "send a message containing '" + containing + "'");
    }

    /** Every action that arrives within {@code seconds} (for "nothing more happened" checks). */
    List<Map<String, Object>> drain(double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Map<String, Object>> more = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            for (Map<String, Object> action : TELEGRAM.actions(userId, seen, 0.5)) {
                seen = ((Number) action.get("seq")).longValue();
                transcript.add(action);
                more.add(action);
            }
        }
        return more;
    }

    static String text(Map<String, Object> action) {
        Object text = action.get("text");
        return text == null ? "" : text.toString();
    }

    /** The callback data of the button with this label on a message. */
    @SuppressWarnings("unchecked")
    static String button(Map<String, Object> message, String label) {
        for (List<Map<String, Object>> row : (List<List<Map<String, Object>>>) message.getOrDefault("buttons", List.of())) {
            for (Map<String, Object> button : row) {
                if (label.equals(button.get("text"))) {
                    return button.get("callbackData").toString();
                }
            }
        }
        throw new AssertionError("no button '" + label + "' on " + message);
    }

    List<String> texts() {
        return transcript.stream().map(action -> action.get("kind") + ": " + text(action)).toList();
    }
}
