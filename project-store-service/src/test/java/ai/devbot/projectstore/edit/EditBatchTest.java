package ai.devbot.projectstore.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EditBatchTest {

    static final String MAIN = """
            import sys


            def main():
                args = sys.argv[1:]
                if not args:
                    print("usage: wc FILE")
                    return 1
                return 0
            """;

    static Edit replace(String path, String search, String replace) {
        return new Edit(Edit.Kind.replace, path, search, replace, null);
    }

    static EditBatch.Outcome apply(Map<String, String> files, Edit... edits) {
        return EditBatch.apply(files, List.of(edits), EditBatch.Limits.DEFAULT);
    }

    static String problems(Map<String, String> files, Edit... edits) {
        return String.join("\n", assertThrows(EditRejectedException.class, () -> apply(files, edits)).problems());
    }

    @Test
    void anExactSearchIsReplaced() {
        var outcome = apply(Map.of("wc/main.py", MAIN), replace("wc/main.py", "        return 1", "        return 2"));
        assertTrue(outcome.files().get("wc/main.py").contains("        return 2"));
        assertEquals(List.of("wc/main.py"), outcome.changed());
    }

    @Test
    void trailingWhitespaceDoesNotMatter() {
        String file = "def main():   \n    return 0\t\n";
        var outcome = apply(Map.of("a.py", file), replace("a.py", "def main():\n    return 0", "def main():\n    return 1"));
        assertEquals("def main():\n    return 1\n", outcome.files().get("a.py"));
    }

    @Test
    void aUniformIndentationShiftMatchesAndTheReplacementIsShiftedTheSameWay() {
        // The model dropped the function's indentation; the file has it four spaces deep.
        var outcome = apply(Map.of("wc/main.py", MAIN), replace("wc/main.py",
                "if not args:\n    print(\"usage: wc FILE\")\n    return 1",
                "if not args:\n    print(\"usage: wc FILE...\", file=sys.stderr)\n    return 2"));
        assertTrue(outcome.files().get("wc/main.py").contains(
                "    if not args:\n        print(\"usage: wc FILE...\", file=sys.stderr)\n        return 2\n"),
                outcome.files().get("wc/main.py"));
    }

    @Test
    void anIndentationThatChangesFromLineToLineIsNotAShift() {
        String problems = problems(Map.of("wc/main.py", MAIN), replace("wc/main.py",
                "if not args:\nprint(\"usage: wc FILE\")", "x"));
        assertTrue(problems.contains("not in the file"), problems);
    }

    @Test
    void crlfFilesMatchLfSearchesAndKeepTheirLineEnds() {
        String file = "a = 1\r\nb = 2\r\nc = 3\r\n";
        var outcome = apply(Map.of("x.py", file), replace("x.py", "b = 2\nc = 3", "b = 20\nc = 30"));
        assertEquals("a = 1\r\nb = 20\r\nc = 30\r\n", outcome.files().get("x.py"));
    }

    @Test
    void anAmbiguousSearchIsRefusedWithTheLinesItMatches() {
        String file = "x = 1\nprint(x)\ny = 2\nprint(x)\n";
        String problems = problems(Map.of("a.py", file), replace("a.py", "print(x)", "print(x, y)"));
        assertTrue(problems.contains("occurs 2 times (at lines 2, 4)"), problems);
        String tolerant = problems(Map.of("a.py", "if a:\n    go()\nif b:\n  go()\n"), replace("a.py", "go()\n", "stop()"));
        assertTrue(tolerant.contains("2 times"), "an exact miss that matches twice tolerantly is ambiguous too: " + tolerant);
    }

    @Test
    void aNearMissIsRefusedWithTheClosestLinesToCopy() {
        String problems = problems(Map.of("wc/main.py", MAIN), replace("wc/main.py",
                "if not argv:\n    print(\"usage: wc FILE\")", "x"));
        assertTrue(problems.startsWith("Edit 1 of 1 (wc/main.py): the SEARCH text is not in the file"), problems);
        assertTrue(problems.contains("The closest lines are 6–7"), problems);
        assertTrue(problems.contains("6|     if not args:"), problems);
        String nothing = problems(Map.of("wc/main.py", MAIN), replace("wc/main.py", "zzzz qqqq", "x"));
        assertTrue(nothing.contains("nothing in it looks close"), nothing);
    }

    @Test
    void aBatchIsAllOrNothing() {
        Map<String, String> files = Map.of("a.py", "a = 1\n", "b.py", "b = 1\n");
        var rejected = assertThrows(EditRejectedException.class, () -> apply(files,
                replace("a.py", "a = 1", "a = 2"),
                replace("b.py", "b = 1", "b = 2"),
                replace("b.py", "b = 99", "b = 3")));
        assertEquals(1, rejected.problems().size());
        assertTrue(rejected.problems().get(0).startsWith("Edit 3 of 3 (b.py)"), rejected.problems().get(0));
        assertEquals("a = 1\n", files.get("a.py"), "the caller's files are untouched");
    }

    @Test
    void twoPathsThatDifferOnlyInCaseAreRefused() {
        Map<String, String> files = Map.of("src/Main.py", "x = 1\n");
        String problems = problems(files, new Edit(Edit.Kind.write, "src/main.py", null, null, "y = 1\n"));
        assertTrue(problems.contains("already has src/Main.py, which differs only in case"), problems);
        // Within one batch too, and a rename (delete, then create) is fine.
        assertTrue(problems(Map.of(), replace("README.md", "", "a\n"), replace("readme.md", "", "b\n"))
                .contains("differs only in case"));
        var renamed = apply(files, new Edit(Edit.Kind.delete, "src/Main.py", null, null, null),
                new Edit(Edit.Kind.write, "src/main.py", null, null, "x = 1\n"));
        assertEquals(List.of("src/main.py"), List.copyOf(renamed.files().keySet()));
    }

    @Test
    void laterEditsSeeEarlierOnesInTheSameBatch() {
        var outcome = apply(Map.of(), replace("pkg/util.py", "", "def f():\n    return 1\n"),
                replace("pkg/util.py", "return 1", "return 2"));
        assertEquals("def f():\n    return 2\n", outcome.files().get("pkg/util.py"));
        assertEquals(List.of("pkg/util.py"), outcome.created());
    }

    @Test
    void createWriteAndDeleteFollowTheirRules() {
        Map<String, String> files = Map.of("old.sh", "echo\n", "keep.py", "x = 1\n");
        var outcome = apply(files, new Edit(Edit.Kind.delete, "old.sh", null, null, null),
                new Edit(Edit.Kind.write, "./keep.py", null, null, "x = 2\n"),
                replace("new/mod.py", "", "y = 1\n"));
        assertEquals(List.of("new/mod.py"), outcome.created());
        assertEquals(List.of("keep.py"), outcome.changed());
        assertEquals(List.of("old.sh"), outcome.deleted());
        String problems = problems(files, replace("keep.py", "", "x = 3\n"), replace("missing.py", "a", "b"),
                new Edit(Edit.Kind.delete, "ghost.py", null, null, null), new Edit(null, "a.py", null, null, null));
        assertTrue(problems.contains("already exists (1 lines)"), problems);
        assertTrue(problems.contains("there is no file missing.py; to create it, leave SEARCH empty"), problems);
        assertTrue(problems.contains("there is no file ghost.py to delete"), problems);
        assertTrue(problems.contains("no kind"), problems);
    }

    @Test
    void hostilePathsInABatchAreRefused() {
        String problems = problems(Map.of(), replace("../../etc/passwd", "", "x"), replace("/abs.py", "", "x"),
                replace(".git/hooks/post-checkout", "", "x"));
        assertTrue(problems.contains("Edit 1 of 3 (../../etc/passwd): the path contains '..'"), problems);
        assertTrue(problems.contains("absolute"), problems);
        assertTrue(problems.contains(".git/"), problems);
    }

    @Test
    void sizeAndCountLimitsAreEnforced() {
        var limits = new EditBatch.Limits(10, 2);
        var tooBig = assertThrows(EditRejectedException.class, () -> EditBatch.apply(Map.of(),
                List.of(replace("a.txt", "", "01234567890")), limits));
        assertTrue(tooBig.problems().get(0).contains("11 bytes; at most 10"), tooBig.problems().toString());
        var tooMany = assertThrows(EditRejectedException.class, () -> EditBatch.apply(Map.of("a", "1", "b", "2"),
                List.of(replace("c", "", "3")), limits));
        assertTrue(tooMany.problems().get(0).contains("3 files; at most 2"), tooMany.problems().toString());
    }
}
