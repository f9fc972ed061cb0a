package ai.devbot.simulator.llm;

/**
 * The simulator's token count: one token per four characters, rounded up — close to what BPE
 * tokenizers give for English and code, and exactly reproducible, so tests can predict charges.
 */
public final class TokenCounter {

    private TokenCounter() {
    }

    public static long count(String text) {
        return text == null || text.isEmpty() ? 0 : (text.length() + 3) / 4;
    }
}
