package ai.devbot.e2e;

import static ai.devbot.e2e.Chat.button;
import static ai.devbot.e2e.Chat.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.devbot.testsupport.GitHttpServer;
import ai.devbot.testsupport.GitRepositories;
import ai.devbot.testsupport.GitSshServer;

/**
 * Existing code in, through the simulated Telegram: a user sends a zip (the gateway fetches it with getFile), the
 * project is imported — hostile entries left out and listed, the binary kept — and onboarded, its own tests run
 * in the sandbox, a change request is implemented on it, and the download holds the imported files (the binary
 * byte for byte) with the new work, the history bundle clones, and /push with the deploy key the bot shows puts that
 * very history on {@code devbot/<slug>} of a repository behind a real sshd. A public repository's link is cloned from a real git server on loopback and
 * onboarded the same way. What cannot be imported is refused with the reason and stores nothing.
 */
class ExistingCodeIT {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 1, 2, 3 };
    private static final String SPLITTER = "def split(total, people):\n    return round(total / people, 2)\n";
    private static final String SPLITTER_TEST = """
            from splitter import split


            def test_splits_evenly():
                assert split(10, 4) == 2.5
            """;

    @BeforeAll
    static void theWholePlatformRuns() {
        LocalStack.ensureUp();
    }

    @AfterEach
    void noScriptedAnswersLeft() {
        Platform.clearScripts();
    }

    @Test
    void anImportedZipIsOnboardedTestedChangedDownloadedWithItsHistoryAndPushed() throws Exception {
        Chat chat = Chat.newUser();
        chat.send("/start").awaitMessage("Welcome", 30);
        Map<String, byte[]> entries = new TreeMap<>(Map.of(
                "bill-splitter-main/README.md", "# Bill splitter\n".getBytes(StandardCharsets.UTF_8),
                "bill-splitter-main/splitter.py", SPLITTER.getBytes(StandardCharsets.UTF_8),
                "bill-splitter-main/test_splitter.py", SPLITTER_TEST.getBytes(StandardCharsets.UTF_8),
                "bill-splitter-main/assets/logo.png", PNG,
                "bill-splitter-main/../../etc/cron.d/evil", "* * * * * root sh\n".getBytes(StandardCharsets.UTF_8),
                "bill-splitter-main/.git/HEAD", "ref: refs/heads/main\n".getBytes(StandardCharsets.UTF_8)));

        Chat.TELEGRAM.sendDocument(chat.userId, "bill-splitter-main.zip", "application/zip", zip(entries), null, null);

        long project = awaitOnboarded(chat, List.of("README.md", "assets/logo.png", "splitter.py", "test_splitter.py"),
                "1 binary file", "../../etc/cron.d/evil");

        chat.press("test:p" + project);
        chat.awaitMessage("1 passed", EndToEndIT.MODEL_WORK);

        chat.send("Add a tip percentage option");
        chat.awaitMessage("Change request planned", EndToEndIT.MODEL_WORK);
        chat.send("/implement all");
        Map<String, Object> done = chat.awaitMessage("Done", EndToEndIT.MODEL_WORK * 2);
        assertTrue(text(done).contains("implemented"), text(done));

        chat.send("/download");
        Map<String, byte[]> downloaded = unzip(Platform.telegramFile(fileId(chat.await(
                action -> "DOCUMENT".equals(action.get("kind")) && fileName(action).endsWith(".zip"), 60, "send the zip"))));
        assertArrayEquals(PNG, downloaded.get("assets/logo.png"), "the binary comes back byte for byte");
        assertEquals(SPLITTER, new String(downloaded.get("splitter.py"), StandardCharsets.UTF_8));
        assertTrue(downloaded.size() > 4, "the new task's files are there too: " + downloaded.keySet());
        Path work = Files.createTempDirectory("devbot-e2e-history-");
        Files.write(work.resolve("history.bundle"), Platform.telegramFile(fileId(chat.await(
                action -> "DOCUMENT".equals(action.get("kind")) && fileName(action).endsWith(".bundle"), 60,
                "send the history"))));
        GitRepositories.git(work, "clone", "-q", "history.bundle", "history");
        String downloadedHead = GitRepositories.git(work.resolve("history"), "rev-parse", "HEAD").strip();

        pushedIsTheDownloadedHistory(chat, downloadedHead);
    }

    /** /push: the deploy key the bot shows is added to a real sshd's repository; the pushed branch is checked with git. */
    private static void pushedIsTheDownloadedHistory(Chat chat, String downloadedHead) throws Exception {
        Path root = Files.createTempDirectory("devbot-e2e-push-");
        Path repository = GitRepositories.bare(root, "bill-splitter", Map.of("README.md", "# Mine\n"), work -> { });
        try (GitSshServer sshd = GitSshServer.start()) {
            chat.send("/push " + sshd.url(repository));
            Matcher key = Pattern.compile("ecdsa-sha2-nistp256 [A-Za-z0-9+/=]+ devbot-[a-z0-9-]+")
                    .matcher(text(chat.awaitMessage("deploy key", 60)));
            assertTrue(key.find(), "the public key is shown");
            chat.send("/push");
            assertTrue(text(chat.awaitMessage("The push was refused", 60)).contains("deploy key"),
                    "before the key is added, the repository refuses it");

            sshd.authorize(key.group());
            chat.send("/push");
            String pushed = text(chat.awaitMessage("Pushed", 60));
            assertTrue(pushed.contains(sshd.hostKeyFingerprint()), "the first push shows the host key: " + pushed);
            String branch = GitRepositories.git(repository, "for-each-ref", "--format=%(refname:short)",
                    "refs/heads/devbot/").strip();
            assertTrue(branch.startsWith("devbot/"), branch);
            assertEquals(downloadedHead, GitRepositories.git(repository, "rev-parse", branch).strip(),
                    "the pushed branch is the downloaded history, commit for commit");
            assertTrue(GitRepositories.git(repository, "log", "--format=%s", branch).strip()
                    .endsWith("Imported from bill-splitter-main.zip"), "the import is the first commit");
            assertEquals("first\n", GitRepositories.git(repository, "log", "--format=%s", "main"),
                    "the user's own branch is untouched");

            chat.send("/push");
            chat.awaitMessage("nothing new to push", 60);
            chat.send("/forget");
            chat.awaitMessage("I deleted the deploy key", 30);
            chat.send("/push");
            chat.awaitMessage("no repository to push to yet", 30);
        }
    }

    /** Waits for the onboarding's summary, checks what it says, and answers the new project's id. */
    private static long awaitOnboarded(Chat chat, List<String> files, String... listed) {
        Map<String, Object> imported = chat.awaitMessage("imported 3 files", EndToEndIT.MODEL_WORK);
        String said = text(imported);
        for (String expected : listed) {
            assertTrue(said.contains(expected), expected + " is said: " + said);
        }
        assertTrue(said.contains("python3 -m pytest -q"), "the onboarding found the tests: " + said);
        Matcher id = Pattern.compile("test:p(\\d+)").matcher(button(imported, "Run tests"));
        assertTrue(id.matches());
        long project = Long.parseLong(id.group(1));
        assertEquals(files, Platform.files(project, chat.userId));
        return project;
    }

    private static String fileName(Map<String, Object> action) {
        Object document = action.get("document");
        return document instanceof Map<?, ?> map && map.get("fileName") != null ? map.get("fileName").toString() : "";
    }

    private static String fileId(Map<String, Object> action) {
        return ((Map<?, ?>) action.get("document")).get("fileId").toString();
    }

    @Test
    void aPublicRepositoryLinkIsClonedAndOnboardedWithItsLinksLeftOut() throws Exception {
        Path root = Files.createTempDirectory("devbot-e2e-git-");
        GitRepositories.bare(root, "bill-splitter", Map.of("README.md", "# Bill splitter\n", "splitter.py", SPLITTER,
                "test_splitter.py", SPLITTER_TEST), work -> {
                    Files.write(work.resolve("logo.png"), PNG);
                    Files.createSymbolicLink(work.resolve("passwords"), Path.of("/etc/shadow"));
                    GitRepositories.git(work, "add", "-A");
                });
        try (GitHttpServer server = GitHttpServer.serve(root, "127.0.0.1")) {
            Chat chat = Chat.newUser();
            chat.send("/start").awaitMessage("Welcome", 30);

            chat.send("/import " + server.url() + "/bill-splitter.git");

            awaitOnboarded(chat, List.of("README.md", "logo.png", "splitter.py", "test_splitter.py"), "passwords");

            chat.send("/import " + server.url() + "/no-such-project.git");
            assertTrue(text(chat.awaitMessage("I could not import", EndToEndIT.MODEL_WORK))
                    .contains("no repository at that address"));
            chat.send("/import http://10.0.0.1/internal.git");
            assertTrue(text(chat.awaitMessage("I could not import", EndToEndIT.MODEL_WORK))
                    .contains("private or link-local address"));
            assertEquals(1, Platform.projects(chat.userId).size(), "the refused links stored nothing");
        }
    }

    @Test
    void whatCannotBeImportedIsRefusedWithTheReasonAndStoresNothing() throws IOException {
        Chat chat = Chat.newUser();
        chat.send("/start").awaitMessage("Welcome", 30);

        Chat.TELEGRAM.sendDocument(chat.userId, "notes.pdf", "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.UTF_8),
                null, null);
        assertTrue(text(chat.awaitMessage("I could not take", 30)).contains("only .zip archives are imported"));

        Map<String, byte[]> bomb = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            bomb.put("zeros/" + i + ".txt", new byte[1_000_000]);
        }
        byte[] tiny = zip(bomb);
        assertTrue(tiny.length < 1_000_000, "a tiny archive: " + tiny.length + " bytes");
        Chat.TELEGRAM.sendDocument(chat.userId, "bomb.zip", "application/zip", tiny, null, null);
        String refused = text(chat.awaitMessage("I could not import", EndToEndIT.MODEL_WORK));
        assertTrue(refused.contains("expands to more than 50 MB"), refused);

        Chat.TELEGRAM.sendDocument(chat.userId, "fake.zip", "application/zip", "not a zip".getBytes(StandardCharsets.UTF_8),
                null, null);
        assertTrue(text(chat.awaitMessage("I could not import", EndToEndIT.MODEL_WORK)).contains("not a readable zip"));

        assertEquals(List.of(), Platform.projects(chat.userId), "nothing of it was stored");
        chat.send("/import").awaitMessage(".zip", 30);
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                if (!entry.isDirectory()) {
                    files.put(entry.getName().substring(entry.getName().indexOf('/') + 1), in.readAllBytes());
                }
            }
        }
        return files;
    }
}
