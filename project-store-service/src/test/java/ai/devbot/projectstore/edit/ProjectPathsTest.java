package ai.devbot.projectstore.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectPathsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "src/app/main.py|src/app/main.py",
            "./src//app/./main.py|src/app/main.py",
            "  README.md  |README.md",
            "Makefile|Makefile",
            ".github/workflows/ci.yml|.github/workflows/ci.yml",
            "docs/ünïcode/файл.md|docs/ünïcode/файл.md",
            ".gitignore|.gitignore" })
    void ordinaryPathsAreNormalised(String raw, String expected) {
        assertEquals(expected, ProjectPaths.normalize(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../etc/passwd|'..'",
            "src/../../secret|'..'",
            "/etc/passwd|absolute",
            "~/.ssh/id_rsa|absolute",
            "C:/Windows/system32|drive letter",
            "c:evil|drive letter",
            "src\\..\\..\\evil|backslash",
            "\\\\server\\share|backslash",
            ".git/config|.git/",
            "src/.git/hooks/pre-commit|.git/",
            "vendor/.SVN/entries|.SVN/",
            "src/|folder",
            "./|names no file",
            "''|empty" })
    void hostilePathsAreRefusedWithTheReason(String raw, String reason) {
        var refused = assertThrows(IllegalArgumentException.class, () -> ProjectPaths.normalize(raw));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    @org.junit.jupiter.api.Test
    void controlCharactersAndOverlongNamesAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProjectPaths.normalize("a\u0000b.py")).getMessage()
                .contains("control character"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProjectPaths.normalize("a\nb.py")).getMessage()
                .contains("control character"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProjectPaths.normalize("x".repeat(256) + ".py"))
                .getMessage().contains("255 bytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProjectPaths.normalize("é".repeat(128)))
                .getMessage().contains("255 bytes"), "bytes, not characters");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ProjectPaths.normalize(("d".repeat(200) + "/").repeat(6) + "f.py")).getMessage().contains("1024 bytes"));
        assertEquals(("d".repeat(200) + "/").repeat(4) + "f.py", ProjectPaths.normalize(("d".repeat(200) + "/").repeat(4) + "f.py"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "invoice\u202Etxt.exe|U+202E",
            "src/\u200Bmain.py|U+200B",
            "\uFEFFREADME.md|U+FEFF",
            "a\u2028b.py|U+2028",
            "docs/\uE000.md|U+E000",
            "src/con.py|reserved device name",
            "NUL|reserved device name",
            "logs/Com1.txt|reserved device name",
            "lpt9|reserved device name",
            "notes.|ends with a dot",
            "src/dir./main.py|ends with a dot",
            "'readme.md '|README.md",
            "'src/ lead.py'|starts with a space",
            "src/a:b.py|':'",
            "what?.md|'?'",
            "star*.py|'*'",
            "quote\".md|'\"'",
            "lt<gt>.md|'<'" })
    void namesThatCannotExistOnEverySystemOrHideTheirRealNameAreRefused(String raw, String reason) {
        // The \\u escapes above are turned into the characters by the compiler.
        String decoded = raw;
        if (reason.equals("README.md")) {
            // Outer spaces of the whole path are stripped, not refused.
            assertEquals("readme.md", ProjectPaths.normalize(decoded));
            return;
        }
        var refused = assertThrows(IllegalArgumentException.class, () -> ProjectPaths.normalize(decoded));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aPipeIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProjectPaths.normalize("a|b.py")).getMessage()
                .contains("'|'"));
    }

    @org.junit.jupiter.api.Test
    void namesThatOnlyLookReservedAreFine() {
        assertEquals("src/console.py", ProjectPaths.normalize("src/console.py"));
        assertEquals("docs/com10.md", ProjectPaths.normalize("docs/com10.md"));
        assertEquals("nullable/auxiliary.txt", ProjectPaths.normalize("nullable/auxiliary.txt"));
        assertEquals("a/.env", ProjectPaths.normalize("a/.env"));
    }
}
