package ai.devbot.gateway.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ai.devbot.gateway.reply.format.MarkdownToTelegramHtml;

class MarkdownToTelegramHtmlTest {

    final MarkdownToTelegramHtml markdown = new MarkdownToTelegramHtml();

    @Test
    void inlineFormattingBecomesTelegramTags() {
        assertEquals("<b>bold</b>, <i>italic</i>, <s>gone</s> and <code>x &lt; y</code>",
                markdown.render("**bold**, *italic*, ~~gone~~ and `x < y`"));
    }

    @Test
    void textIsEscapedAndRawHtmlIsShownNotInterpreted() {
        assertEquals("a &lt; b &amp;&amp; c &gt; d &lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; Jerry",
                markdown.render("a < b && c > d <script>alert(1)</script> Tom &amp; Jerry"));
    }

    @Test
    void headingsTurnBoldAndParagraphsKeepABlankLine() {
        assertEquals("<b>Habit Tracker</b>\n\nPlan ready.\nSecond line.", markdown.render("# Habit Tracker\n\nPlan ready.\nSecond line."));
    }

    @Test
    void fencedCodeKeepsItsLanguageAndItsTextVerbatim() {
        String html = markdown.render("```python\nif a < b and c & d:\n    print(\"<ok>\")\n```");
        assertEquals("<pre><code class=\"language-python\">if a &lt; b and c &amp; d:\n    print(\"&lt;ok&gt;\")</code></pre>", html);
    }

    @Test
    void aHostileLanguageNameIsDropped() {
        assertEquals("<pre>x</pre>", markdown.render("```\"><script>\nx\n```"));
    }

    @Test
    void nestedListsGetBulletsNumbersAndIndentation() {
        String html = markdown.render("1. Setup\n   - create `pyproject.toml`\n   - add **tests**\n2. Storage\n");
        assertEquals("1. Setup\n   • create <code>pyproject.toml</code>\n   • add <b>tests</b>\n2. Storage", html
                .replace("◦", "•"));
    }

    @Test
    void tablesBecomeAlignedMonospaceBlocks() {
        String html = markdown.render("| Task | Status |\n|---|---:|\n| Skeleton | done |\n| Storage <db> | 2/3 |\n");
        assertTrue(html.startsWith("<pre>") && html.endsWith("</pre>"), html);
        assertTrue(html.contains("Storage &lt;db&gt;"), html);
        String[] lines = html.replace("<pre>", "").replace("</pre>", "").split("\n");
        assertEquals(4, lines.length, html);
        assertEquals(lines[0].length(), lines[2].length(), "columns are aligned: " + html);
    }

    @Test
    void onlyWebLinksBecomeLinks() {
        assertEquals("<a href=\"https://example.com/a?b=1&amp;c=2\">docs</a> and click, admin, mail",
                markdown.render("[docs](https://example.com/a?b=1&c=2) and [click](javascript:alert(1)), "
                        + "[admin](tg://user?id=42), [mail](mailto:a@example.com)"));
    }

    @Test
    void inlineCodeInsideBoldOrItalicClosesThemAroundItSoTelegramKeepsBoth() {
        assertEquals("<b>Tests · </b><code>pytest -q</code><b> passed</b>", markdown.render("**Tests · `pytest -q` passed**"));
        assertEquals("<i><b>a </b></i><code>x</code><i><b> b</b></i>", markdown.render("***a `x` b***"));
    }

    @Test
    void aLinkWhoseTextIsCodeKeepsTheLinkWithPlainText() {
        assertEquals("<a href=\"https://example.com\">main.py</a>", markdown.render("[`main.py`](https://example.com)"));
    }

    @Test
    void textTheOrchestratorEscapedStaysText() {
        // What Markdown.text makes of a first name like "[Claim free credits](https://evil.example/login)".
        assertEquals("👋 Welcome, [Claim free credits](https://evil.example/login)!", markdown.render(
                "👋 Welcome, \\[Claim free credits\\]\\(https\\:\\/\\/evil\\.example\\/login\\)\\!"));
        assertEquals("*not italic* @admin #tag", markdown.render("\\*not italic\\* \\@admin \\#tag"));
    }

    @Test
    void quotesDoNotNestInTelegramSoInnerQuotesJoinTheOuterOne() {
        String html = markdown.render("> outer\n>\n> > inner");
        assertEquals(1, html.split("<blockquote>", -1).length - 1, html);
        assertTrue(html.contains("inner"));
    }

    @Test
    void emojiAndNonLatinTextPassUnchanged() {
        assertEquals("✅ Готово 🎉 — 完成", markdown.render("✅ Готово 🎉 — 完成"));
    }

    @Test
    void everyOpenedTagIsClosed() {
        String html = markdown.render(ModelAnswers.LONG_ANSWER);
        for (String tag : new String[] { "b", "i", "s", "code", "pre", "a", "blockquote" }) {
            int opened = html.split("<" + tag + "[ >]", -1).length - 1;
            int closed = html.split("</" + tag + ">", -1).length - 1;
            assertEquals(opened, closed, tag);
        }
        assertFalse(html.contains("<h1>") || html.contains("<ul>") || html.contains("<table>"));
    }
}
