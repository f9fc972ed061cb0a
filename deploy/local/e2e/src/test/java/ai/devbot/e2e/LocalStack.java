package ai.devbot.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform as {@code deploy/local/devbot up} runs it (local profile: the simulator stands
 * in for Telegram and the models; real Kafka, PostgreSQL, Redis). Started once for all end-to-end
 * tests from the jars this build packaged, and stopped after them if it was not running before.
 */
final class LocalStack {

    static final String SIMULATOR = "http://127.0.0.1:8090";
    static final String BILLING = "http://127.0.0.1:8084";
    static final String PROJECT_STORE = "http://127.0.0.1:8085";
    static final String ORCHESTRATOR = "http://127.0.0.1:8082";
    static final String SANDBOX = "http://127.0.0.1:8086";
    static final String AGENT = "http://127.0.0.1:8083";

    private static final Path ROOT = findRoot();
    private static boolean startedHere;

    private LocalStack() {
    }

    static synchronized void ensureUp() {
        if (startedHere) {
            return;
        }
        boolean running = devbot(List.of("status")).contains("orchestrator-service") && allUp();
        if (!running) {
            run(List.of("up", "--no-build"), 600);
            startedHere = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> run(List.of("stop"), 120)));
        }
    }

    /** kill -9 of the orchestrator, as a crash would do it; {@link #restartOrchestrator} brings it back. */
    static void killOrchestrator() throws IOException, InterruptedException {
        kill("orchestrator-service", "-9");
    }

    /** Stops one service (SIGTERM, as an outage or a redeploy would); {@link #restartOrchestrator} starts it again. */
    static void stop(String service) throws IOException, InterruptedException {
        kill(service, "-TERM");
    }

    private static void kill(String service, String signal) throws IOException, InterruptedException {
        String pid = Files.readString(ROOT.resolve(".devbot/run/" + service + ".pid")).trim();
        Process kill = new ProcessBuilder("kill", signal, pid).inheritIO().start();
        kill.waitFor(10, TimeUnit.SECONDS);
        // Wait until the process is really gone, so 'up' starts a new one.
        for (int i = 0; i < 100 && new File("/proc/" + pid).exists(); i++) {
            Thread.sleep(100);
        }
    }

    /** Starts whatever service is not running ({@code devbot up --no-build}). */
    static void restartStopped() {
        run(List.of("up", "--no-build"), 300);
    }

    static void restartOrchestrator() {
        run(List.of("up", "--no-build"), 300);
    }

    private static boolean allUp() {
        String status = devbot(List.of("status"));
        return status.lines().filter(line -> line.matches("^(devbot-simulator|project-store-service|billing-service|"
                + "agent-service|orchestrator-service|bot-gateway)\\s.*")).allMatch(line -> line.endsWith("UP"))
                && status.lines().filter(line -> line.endsWith("UP")).count() >= 6;
    }

    private static String devbot(List<String> args) {
        try {
            var command = new java.util.ArrayList<>(List.of(ROOT.resolve("deploy/local/devbot").toString()));
            command.addAll(args);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor(120, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> args, int seconds) {
        try {
            var command = new java.util.ArrayList<>(List.of(ROOT.resolve("deploy/local/devbot").toString()));
            command.addAll(args);
            Path log = ROOT.resolve("deploy/local/e2e/target/devbot-" + args.get(0) + ".log");
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("devbot " + args + " failed: " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("deploy/local/devbot"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run from inside the repository");
        }
        return dir;
    }
}
