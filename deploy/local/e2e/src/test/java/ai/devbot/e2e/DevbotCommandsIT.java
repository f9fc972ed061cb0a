package ai.devbot.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The local stack's script answers for itself: every command it lists answers --help with its usage and exit 0. */
class DevbotCommandsIT {

    record Ran(int exit, String out) {
    }

    static Ran devbot(String... args) throws IOException, InterruptedException {
        Process process = LocalStack.devbotProcess(List.of(args)).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "devbot " + String.join(" ", args) + " ended");
        return new Ran(process.exitValue(), out);
    }

    @Test
    void everyListedCommandAnswersHelpWithItsUsageAndExitZero() throws Exception {
        Ran help = devbot("help");
        assertEquals(0, help.exit());
        assertTrue(help.out().endsWith("\n"), "help ends its last line");
        List<String> commands = help.out().lines().filter(line -> line.matches("  [a-z][a-z-]*( .*)?"))
                .map(line -> line.strip().split(" ")[0]).toList();
        assertTrue(commands.containsAll(List.of("demo", "up", "down", "test", "infra", "chat", "say")), commands.toString());
        for (String command : commands) {
            for (String flag : List.of("--help", "-h")) {
                Ran usage = devbot(command, flag);
                assertEquals(0, usage.exit(), command + " " + flag + ": " + usage.out());
                assertTrue(usage.out().startsWith("usage: devbot " + command), command + " " + flag + ": " + usage.out());
                assertTrue(usage.out().lines().count() >= 2, "says what it does: " + usage.out());
            }
        }
    }

    @Test
    void anUnknownCommandIsRefusedWithTheListEvenWhenItAsksForHelp() throws Exception {
        Ran unknown = devbot("deploy-to-production", "--help");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.out().contains("unknown command 'deploy-to-production'"), unknown.out());
        assertFalse(unknown.out().startsWith("usage: devbot deploy"), unknown.out());
    }
}
