package ai.devbot.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The loopback Kafka broker that {@code deploy/local/devbot} runs, frozen and thawed for outage
 * tests: SIGSTOP makes it a broker that accepts connections and answers nothing — the hard kind of
 * outage, where only timeouts tell — and SIGCONT brings it back with its data, in a moment.
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    public static void pause() {
        signal("STOP");
    }

    public static void resume() {
        signal("CONT");
    }

    private static void signal(String signal) {
        String pid = pid();
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pid() {
        String state = System.getenv("DEVBOT_STATE");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/local/devbot"))) {
                Path file = (state == null ? dir.resolve(".devbot") : Path.of(state)).resolve("run/kafka.pid");
                try {
                    return Files.readString(file).strip();
                } catch (IOException e) {
                    throw new IllegalStateException("no Kafka pid at " + file + ": is 'deploy/local/devbot infra up' running it?");
                }
            }
        }
        throw new IllegalStateException("not inside the devbot checkout");
    }
}
