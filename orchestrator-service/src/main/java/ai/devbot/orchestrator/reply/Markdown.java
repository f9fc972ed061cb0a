package ai.devbot.orchestrator.reply;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * Puts values into the Markdown of replies. Anything a user or a model controls — names, titles,
 * paths, ideas, error details — goes through {@link #text} or {@link #code}, so it shows as typed
 * and can never become a link, a mention or formatting.
 */
public final class Markdown {

    private static final String PUNCTUATION = "\\!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~";

    private Markdown() {
    }

    /** The value as literal text on one line: CommonMark's backslash escape before every ASCII punctuation mark. */
    public static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        value.codePoints().forEach(c -> {
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (c < 128 && PUNCTUATION.indexOf(c) >= 0) {
                out.append('\\').appendCodePoint(c);
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /**
     * The value as inline code: fenced with one more backtick than its longest run (CommonMark's rule),
     * padded with a space when it starts or ends with a backtick. Inside code nothing is interpreted.
     */
    public static String code(String value) {
        String line = value == null ? "" : value.replaceAll("[\\r\\n\\t]", " ");
        String fence = "`".repeat(longestBacktickRun(line) + 1);
        boolean pad = line.startsWith("`") || line.endsWith("`");
        return fence + (pad ? " " : "") + line + (pad ? " " : "") + fence;
    }

    /**
     * The value as a fenced code block: the fence is longer than any run of backticks inside, so no line
     * of the value can close it early and turn the rest into formatting.
     */
    public static String codeBlock(String value) {
        String fence = "`".repeat(Math.max(3, longestBacktickRun(value) + 1));
        return fence + "\n" + value + (value.endsWith("\n") ? "" : "\n") + fence;
    }

    /** "12,345 credits". */
    public static String credits(long amount) {
        return number(amount) + " credits";
    }

    public static String number(long amount) {
        return NumberFormat.getIntegerInstance(Locale.US).format(amount);
    }

    private static int longestBacktickRun(String value) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            run = value.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
