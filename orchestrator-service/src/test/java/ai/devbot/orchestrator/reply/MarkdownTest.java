package ai.devbot.orchestrator.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values users and models control go into replies as text: no link, mention or format survives. */
class MarkdownTest {

    @Test
    void aNameShapedLikeALinkIsEscapedMarkByMark() {
        assertEquals("\\[Claim free credits\\]\\(https\\:\\/\\/evil\\.example\\/login\\)",
                Markdown.text("[Claim free credits](https://evil.example/login)"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "**bold**", "_it_", "`code`", "~~s~~", "<b>x</b>", "# heading", "- item", "1. item",
            "> quote", "![img](https://x/y.png)", "<https://evil.example>", "@everyone", "a\\*b", "|a|b|" })
    void noMarkdownCharacterReachesTheReplyUnescaped(String value) {
        String escaped = Markdown.text(value);
        String punctuation = "\\!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~";
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\') {
                assertTrue(punctuation.indexOf(escaped.charAt(++i)) >= 0, "a lone backslash in " + escaped);
            } else {
                assertTrue(punctuation.indexOf(c) < 0, "unescaped " + c + " in " + escaped);
            }
        }
        assertFalse(escaped.contains("\n"));
    }

    @Test
    void lettersDigitsAndNonAsciiPassUnchangedAndLinesJoin() {
        assertEquals("Ada Lovelace 1815 Готово 🎉", Markdown.text("Ada Lovelace 1815 Готово 🎉"));
        assertEquals("two lines", Markdown.text("two\nlines"));
        assertEquals("", Markdown.text(null));
    }

    @Test
    void inlineCodeIsFencedLongerThanAnyBacktickRunInside() {
        assertEquals("`src/main.py`", Markdown.code("src/main.py"));
        assertEquals("``a`b``", Markdown.code("a`b"));
        assertEquals("``` ``x`` ```", Markdown.code("``x``"));
        assertEquals("`a b`", Markdown.code("a\nb"));
    }

    @Test
    void aCodeBlockCannotBeClosedByTheContent() {
        String block = Markdown.codeBlock("print(1)\n```\n[link](https://evil.example)\n````");
        assertTrue(block.startsWith("`````\n"), block);
        assertTrue(block.endsWith("\n`````"), block);
        assertEquals("```\nx\n```", Markdown.codeBlock("x\n"));
    }

    @Test
    void creditsAreGrouped() {
        assertEquals("1,234,567 credits", Markdown.credits(1_234_567));
    }
}
