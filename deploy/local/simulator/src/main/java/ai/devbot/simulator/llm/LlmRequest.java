package ai.devbot.simulator.llm;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat request as either wire protocol carried it, reduced to what scenarios match on.
 * {@code operation} comes from the {@code [devbot:OPERATION]} marker the agent puts in its prompts
 * (docs/contracts/llm/README.md).
 */
public record LlmRequest(Provider provider, String model, String apiKey, List<Turn> turns, Integer maxTokens) {

    public enum Provider {
        OPENAI, GEMINI
    }

    public record Turn(String role, String text) {
    }

    private static final Pattern OPERATION = Pattern.compile("\\[devbot:(plan|review|extend|readme|implement|onboard)]");

    public String promptText() {
        StringBuilder all = new StringBuilder();
        for (Turn turn : turns) {
            if (!all.isEmpty()) {
                all.append('\n');
            }
            all.append(turn.text());
        }
        return all.toString();
    }

    public String operation() {
        Matcher marker = OPERATION.matcher(promptText());
        return marker.find() ? marker.group(1) : "chat";
    }

    /** The last thing the user said: the idea, the change request or the question. */
    public String lastUserText() {
        for (int i = turns.size() - 1; i >= 0; i--) {
            if (turns.get(i).role().equals("user")) {
                return turns.get(i).text();
            }
        }
        return "";
    }

    /** A key's alias for logs and the request log: never the key itself. */
    public String keyAlias() {
        if (apiKey == null || apiKey.isBlank()) {
            return "(none)";
        }
        return "…" + apiKey.substring(Math.max(0, apiKey.length() - 4));
    }
}
