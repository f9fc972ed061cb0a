package ai.devbot.agent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ai.devbot.agent.config.AgentConfig.EditFormat;

/** The per-model default edit formats, by the model ids operators write (OpenRouter's and the providers' own). */
class EditFormatsTest {

    @Test
    void smallerCodersWriteWholeFilesAndTheStrongestWriteDiffs() {
        assertEquals(EditFormat.WHOLE_FILE, EditFormats.forModel("qwen/qwen-2.5-coder-32b-instruct"));
        assertEquals(EditFormat.WHOLE_FILE, EditFormats.forModel("Qwen2.5-Coder-7B-Instruct"));
        assertEquals(EditFormat.WHOLE_FILE, EditFormats.forModel("openai/gpt-4o-mini"));
        assertEquals(EditFormat.WHOLE_FILE, EditFormats.forModel("meta-llama/llama-3.1-70b-instruct"));
        assertEquals(EditFormat.SEARCH_REPLACE, EditFormats.forModel("anthropic/claude-sonnet-4"));
        assertEquals(EditFormat.SEARCH_REPLACE, EditFormats.forModel("openai/gpt-4o"));
        assertEquals(EditFormat.SEARCH_REPLACE, EditFormats.forModel("qwen/qwen3-coder"));
        assertEquals(EditFormat.SEARCH_REPLACE, EditFormats.forModel("gemini-2.5-pro"));
    }

    @Test
    void anUnknownModelGetsTheCheapestFormat() {
        assertEquals(EditFormat.SEARCH_REPLACE, EditFormats.forModel("acme/brand-new-model"));
    }
}
