package ai.devbot.gateway.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import ai.devbot.gateway.reply.format.MarkdownToTelegramHtml;
import ai.devbot.gateway.reply.format.TelegramHtmlSplitter;

class TelegramHtmlSplitterTest {

    static final int LIMIT = 4096;
    static final Pattern TAG = Pattern.compile("<(/?)([a-z]+)[^>]*>");

    final MarkdownToTelegramHtml markdown = new MarkdownToTelegramHtml();

    @Test
    void aShortAnswerStaysOneMessage() {
        assertEquals(List.of("<b>hi</b>"), TelegramHtmlSplitter.split(markdown.render("**hi**"), LIMIT));
    }

    @Test
    void aTenThousandCharacterAnswerIsSplitIntoWellFormedMessagesWithinTheLimit() {
        String html = markdown.render(ModelAnswers.LONG_ANSWER);
        List<String> parts = TelegramHtmlSplitter.split(html, LIMIT);
        assertTrue(parts.size() >= 3, "parts: " + parts.size());
        for (String part : parts) {
            assertTrue(TelegramHtmlSplitter.visibleLength(part) <= LIMIT);
            assertWellFormed(part);
        }
        // Against the source, not the splitter's own plainText: every word of the answer once, in order.
        assertEquals(TextWords.ofMarkdown(ModelAnswers.LONG_ANSWER), TextWords.ofHtml(String.join("", parts)),
                "no text is lost or repeated");
    }

    @Test
    void cutsFallOnParagraphBoundariesWhenThereAreAny() {
        List<String> parts = TelegramHtmlSplitter.split(markdown.render(ModelAnswers.LONG_ANSWER), LIMIT);
        for (String part : parts.subList(0, parts.size() - 1)) {
            String plain = TelegramHtmlSplitter.plainText(part);
            // Each piece ends where a block ended: after a code block, a quote, a table or a paragraph.
            assertTrue(part.endsWith("</pre>") || part.endsWith("</blockquote>") || plain.endsWith(".")
                    || plain.endsWith("🧪") || plain.endsWith(":"), "ends mid-paragraph: …"
                            + plain.substring(Math.max(0, plain.length() - 80)));
        }
    }

    @Test
    void aCodeBlockLongerThanAMessageIsClosedAndReopenedAtLineBoundaries() {
        String html = markdown.render(ModelAnswers.hugeCodeBlock());
        List<String> parts = TelegramHtmlSplitter.split(html, LIMIT);
        assertTrue(parts.size() >= 5, "parts: " + parts.size());
        for (String part : parts) {
            assertTrue(part.startsWith("<pre><code class=\"language-java\">"), part.substring(0, 60));
            assertTrue(part.endsWith("</code></pre>"));
            assertTrue(TelegramHtmlSplitter.plainText(part).endsWith("// & more"), "cut at a line end");
            assertTrue(TelegramHtmlSplitter.visibleLength(part) <= LIMIT);
        }
    }

    @Test
    void emojiAreNeverCutInHalfAndCountAsTwoUnitsLikeTelegramCounts() {
        String html = "😀".repeat(5000);
        List<String> parts = TelegramHtmlSplitter.split(html, LIMIT);
        assertEquals(3, parts.size());
        assertEquals(4096, parts.get(0).length());
        assertEquals(html, String.join("", parts));
    }

    @Test
    void entitiesAreNeverCutAndCountOnce() {
        String html = "&lt;&amp;".repeat(3000);
        List<String> parts = TelegramHtmlSplitter.split(html, LIMIT);
        assertEquals(2, parts.size());
        assertEquals(4096, TelegramHtmlSplitter.visibleLength(parts.get(0)));
        assertEquals(html, String.join("", parts));
    }

    @Test
    void plainTextDecodesWhatWasEscaped() {
        assertEquals("a < b & \"c\" > d", TelegramHtmlSplitter.plainText("<b>a &lt; b</b> &amp; &quot;c&quot; &gt; d"));
    }

    static void assertWellFormed(String html) {
        Deque<String> open = new ArrayDeque<>();
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            if (tag.group(1).isEmpty()) {
                open.push(tag.group(2));
            } else {
                assertEquals(open.pop(), tag.group(2), "tags close in order in " + html);
            }
        }
        assertTrue(open.isEmpty(), "all tags closed");
    }
}
