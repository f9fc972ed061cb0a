package ai.devbot.agent.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.devbot.agent.config.AgentConfig.EditFormat;

/**
 * The edit format a model writes best when the configuration names none, after Aider's code-editing leaderboards:
 * the strongest models score highest with diff-style edits (SEARCH/REPLACE), while smaller and older ones —
 * Qwen2.5-Coder, GPT-4o mini, GPT-3.5, Llama 3.1, Mistral — are more reliable returning whole files. The first
 * pattern the model id contains decides; an unknown model gets SEARCH/REPLACE, which costs the fewest tokens.
 */
public final class EditFormats {

    private static final List<Map.Entry<String, EditFormat>> BY_MODEL = List.of(
            Map.entry("qwen2.5-coder", EditFormat.WHOLE_FILE),
            Map.entry("qwen-2.5-coder", EditFormat.WHOLE_FILE),
            Map.entry("gpt-4o-mini", EditFormat.WHOLE_FILE),
            Map.entry("gpt-3.5", EditFormat.WHOLE_FILE),
            Map.entry("llama", EditFormat.WHOLE_FILE),
            Map.entry("mistral", EditFormat.WHOLE_FILE),
            Map.entry("claude", EditFormat.SEARCH_REPLACE),
            Map.entry("gpt-4", EditFormat.SEARCH_REPLACE),
            Map.entry("gpt-5", EditFormat.SEARCH_REPLACE),
            Map.entry("deepseek", EditFormat.SEARCH_REPLACE),
            Map.entry("gemini", EditFormat.SEARCH_REPLACE),
            Map.entry("qwen3-coder", EditFormat.SEARCH_REPLACE));

    private EditFormats() {
    }

    public static EditFormat forModel(String modelId) {
        String id = modelId.toLowerCase(Locale.ROOT);
        return BY_MODEL.stream().filter(entry -> id.contains(entry.getKey())).map(Map.Entry::getValue).findFirst()
                .orElse(EditFormat.SEARCH_REPLACE);
    }
}
