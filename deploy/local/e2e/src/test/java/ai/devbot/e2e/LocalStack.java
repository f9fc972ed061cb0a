package ai.devbot.e2e;

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

    /**
     * Starts the stack from this build's jars, or uses a running one only when {@code devbot stack-check}
     * proves it runs exactly these jars against the simulator — never one built from other sources or
     * started with real provider keys.
     */
    static synchronized void ensureUp() {
        if (startedHere) {
            return;
        }
        rememberLogSizes();
        boolean anyRunning = devbot(List.of("status")).lines().anyMatch(line -> line.matches(
                "^(devbot-simulator|project-store-service|sandbox-service|billing-service|agent-service|"
                        + "orchestrator-service|bot-gateway)\\s+\\d+\\s+\\d+\\s.*"));
        if (anyRunning) {
            String problems = stackProblems();
            if (problems != null) {
                throw new IllegalStateException("a stack is running that these tests cannot verify (" + problems.strip()
                        + "); stop it with 'deploy/local/devbot stop' and run the tests again");
            }
        }
        if (!allUp()) {
            run(List.of("up", "--no-build"), 600);
            if (!anyRunning) {
                startedHere = true;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> run(List.of("stop"), 120)));
            }
        }
        String problems = stackProblems();
        if (problems != null) {
            throw new IllegalStateException("the stack started for the tests fails its check: " + problems);
        }
    }

    /** What {@code devbot stack-check} finds wrong with the running stack, or null when it is this build's. */
    private static String stackProblems() {
        try {
            Process check = devbotProcess(List.of("stack-check")).redirectErrorStream(true).start();
            String out = new String(check.getInputStream().readAllBytes());
            return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0 ? null : out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path root() {
        return ROOT;
    }

    /** Where each service log stood when this suite first asked for the stack: its own lines start there. */
    private static final java.util.Map<String, Long> LOG_STARTS = new java.util.HashMap<>();

    private static void rememberLogSizes() {
        if (!LOG_STARTS.isEmpty()) {
            return;
        }
        try (var logs = Files.list(ROOT.resolve(".devbot/logs"))) {
            logs.forEach(log -> LOG_STARTS.put(log.getFileName().toString(), log.toFile().length()));
        } catch (IOException e) {
            // No logs yet: every line is this suite's.
        }
    }

    /** What the service logged since this suite began (earlier runs' lines are not this build's doing). */
    static String logSinceSuiteStart(String service) throws IOException {
        byte[] all = Files.readAllBytes(ROOT.resolve(".devbot/logs/" + service + ".log"));
        int from = (int) Math.min(all.length, LOG_STARTS.getOrDefault(service + ".log", 0L));
        return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Sends a signal to a process (e.g. -STOP and -CONT to freeze one); fails when kill does. */
    static void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill " + signal + " " + pid + " failed");
        }
    }

    /** Every stored row and Redis value of the stack, as text ({@code devbot data-dump}). */
    static String dataDump() throws IOException, InterruptedException {
        Process dump = devbotProcess(List.of("data-dump")).redirectErrorStream(true).start();
        String out = new String(dump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!dump.waitFor(120, TimeUnit.SECONDS) || dump.exitValue() != 0) {
            throw new AssertionError("devbot data-dump failed: " + out);
        }
        return out;
    }

    /** The PID devbot started the service as. */
    static long pidOf(String service) throws IOException {
        return Long.parseLong(Files.readString(ROOT.resolve(".devbot/run/" + service + ".pid")).trim());
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * kill -9 of the orchestrator, as a crash would do it; {@link #restartOrchestrator} brings it back.
     * Fails unless the process is really gone: a crash test that did not crash proves nothing.
     */
    static long killOrchestrator() throws IOException, InterruptedException {
        return kill("orchestrator-service", "-9");
    }

    /** Stops one service (SIGTERM, as an outage or a redeploy would); {@link #restartStopped} starts it again. */
    static void stop(String service) throws IOException, InterruptedException {
        kill(service, "-TERM");
    }

    private static long kill(String service, String signal) throws IOException, InterruptedException {
        long pid = pidOf(service);
        if (!alive(pid)) {
            throw new AssertionError(service + " (pid " + pid + ") was not running when the test meant to stop it");
        }
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill " + signal + " " + pid + " (" + service + ") failed");
        }
        // Wait until the process is really gone, so 'up' starts a new one.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (alive(pid) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (alive(pid)) {
            throw new AssertionError(service + " (pid " + pid + ") is still running 60 s after kill " + signal);
        }
        return pid;
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

    /**
     * devbot with every variable that would connect the stack to a real provider removed: the tests' stack
     * talks to the simulator whatever the shell that runs them holds.
     */
    static ProcessBuilder devbotProcess(List<String> args) {
        var command = new java.util.ArrayList<>(List.of(ROOT.resolve("deploy/local/devbot").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        for (String real : List.of("GEMINI_API_KEY", "GEMINI_BASE_URL", "OPENROUTER_API_KEY", "OPENROUTER_BASE_URL",
                "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_INGRESS")) {
            builder.environment().remove(real);
        }
        return builder;
    }

    private static String devbot(List<String> args) {
        try {
            Process process = devbotProcess(args).redirectErrorStream(true).start();
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
            Path log = ROOT.resolve("deploy/local/e2e/target/devbot-" + args.get(0) + ".log");
            Files.createDirectories(log.getParent());
            Process process = devbotProcess(args).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("devbot " + args + " failed: " + Files.readString(log));
            }
            // In the build's output too: a service that had to be started twice says why there.
            System.out.println("devbot " + args + ":\n" + Files.readString(log));
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
