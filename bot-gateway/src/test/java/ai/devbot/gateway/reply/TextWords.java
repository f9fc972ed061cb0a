package ai.devbot.gateway.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words a reader sees, worked out without the gateway's renderer or splitter, so tests of those can
 * compare against something they did not compute: Markdown syntax and HTML tags are punctuation, and
 * only letters and digits count.
 */
final class TextWords {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");

    private TextWords() {
    }

    static List<String> of(String plain) {
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(plain);
        while (word.find()) {
            words.add(word.group());
        }
        return words;
    }

    /** What a reader sees of Markdown: no fence language tags, no link targets. */
    static List<String> ofMarkdown(String markdown) {
        return of(markdown.replaceAll("(?m)^```[\\w+-]+$", "```").replaceAll("\\]\\([^)\\s]*\\)", "]"));
    }

    /** What a reader sees of Telegram HTML: tags dropped, its four entities decoded. */
    static List<String> ofHtml(String html) {
        return of(html.replaceAll("<[^>]*>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&"));
    }
}
