package ai.devbot.agent.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class EditParserTest {

    @Test
    void wellFormedBlocksBecomeTypedEditsAndTheProseTheExplanation() {
        ParsedEdits parsed = EditParser.parse("""
                I added the counter and a test.

                src/app/counter.py
                <<<<<<< SEARCH
                =======
                def count(words):
                    return len(words)
                >>>>>>> REPLACE

                tests/test_counter.py
                <<<<<<< SEARCH
                def test_placeholder():
                    assert True
                =======
                def test_count():
                    assert count(["a", "b"]) == 2
                >>>>>>> REPLACE
                """, false);
        assertTrue(parsed.usable(), parsed.problems().toString());
        assertEquals(List.of(
                Edit.replace("src/app/counter.py", "", "def count(words):\n    return len(words)"),
                Edit.replace("tests/test_counter.py", "def test_placeholder():\n    assert True",
                        "def test_count():\n    assert count([\"a\", \"b\"]) == 2")), parsed.edits());
        assertEquals("I added the counter and a test.", parsed.explanation());
    }

    @Test
    void fencedBlocksWithDecoratedPathsAndProseBetweenThemAreRead() {
        ParsedEdits parsed = EditParser.parse("""
                First the model:

                **`src/model.py`**
                ```python
                <<<<<<< SEARCH
                class Habit:
                    pass
                =======
                class Habit:
                    name: str
                >>>>>>> REPLACE
                ```

                Then the Makefile, and the old script goes:

                Makefile
                ```
                <<<<<<< SEARCH
                test:
                =======
                test: lint
                >>>>>>> REPLACE
                ```
                DELETE scripts/old.sh
                Done.
                """, false);
        assertTrue(parsed.usable(), parsed.problems().toString());
        assertEquals(List.of("src/model.py", "Makefile", "scripts/old.sh"), parsed.edits().stream().map(Edit::path).toList());
        assertEquals(Edit.Kind.delete, parsed.edits().get(2).kind());
        assertTrue(parsed.explanation().contains("First the model:"));
        assertTrue(parsed.explanation().contains("Done."));
        assertFalse(parsed.explanation().contains("SEARCH"));
    }

    @Test
    void aTruncatedAnswerIsAProblemNotAHalfEdit() {
        ParsedEdits parsed = EditParser.parse("""
                src/app/main.py
                <<<<<<< SEARCH
                def main():
                    pass
                =======
                def main():
                    print("hel""", false);
        assertFalse(parsed.usable());
        assertEquals(List.of(), parsed.edits());
        assertTrue(parsed.problems().get(0).contains("cut off"), parsed.problems().toString());
        assertTrue(parsed.problems().get(0).contains("src/app/main.py"));
    }

    @Test
    void aMissingDividerOrPathIsExplained() {
        ParsedEdits noDivider = EditParser.parse("""
                a.py
                <<<<<<< SEARCH
                x = 1
                >>>>>>> REPLACE
                """, false);
        assertTrue(noDivider.problems().get(0).contains("======="), noDivider.problems().toString());
        ParsedEdits noPath = EditParser.parse("""
                Here is the change to the file you know:
                <<<<<<< SEARCH
                x = 1
                =======
                x = 2
                >>>>>>> REPLACE
                """, false);
        assertTrue(noPath.problems().get(0).contains("no file path"), noPath.problems().toString());
    }

    @Test
    void anAnswerWithoutEditsSaysHowToWriteThem() {
        ParsedEdits parsed = EditParser.parse("I think the code is fine as it is.", false);
        assertFalse(parsed.usable());
        assertTrue(parsed.problems().get(0).contains("<<<<<<< SEARCH"));
    }

    @Test
    void wholeFilesAreReadFromFencedBlocksAfterTheirPath() {
        ParsedEdits parsed = EditParser.parse("""
                Here are the files.

                src/app/__init__.py
                ```python
                ```

                src/app/cli.py
                ```python
                import sys

                def main():
                    print(sys.argv)
                ```
                """, true);
        assertTrue(parsed.usable(), parsed.problems().toString());
        assertEquals(List.of(Edit.write("src/app/__init__.py", ""),
                Edit.write("src/app/cli.py", "import sys\n\ndef main():\n    print(sys.argv)\n")), parsed.edits());
        assertEquals("Here are the files.", parsed.explanation());
    }

    @Test
    void anUnclosedWholeFileIsAProblem() {
        ParsedEdits parsed = EditParser.parse("src/app/cli.py\n```python\nimport sys\n", true);
        assertFalse(parsed.usable());
        assertTrue(parsed.problems().get(0).contains("never closes"));
    }

    @Test
    void hostilePathsAreKeptVerbatimForProjectStoreToRefuse() {
        ParsedEdits parsed = EditParser.parse("""
                ../../etc/passwd
                <<<<<<< SEARCH
                =======
                root::0:0
                >>>>>>> REPLACE
                """, false);
        assertEquals("../../etc/passwd", parsed.edits().get(0).path());
    }
}
