package ai.devbot.sandbox.runner.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ai.devbot.sandbox.report.TestReports;
import ai.devbot.sandbox.run.CommandSpec;
import ai.devbot.sandbox.run.Limits;
import ai.devbot.sandbox.run.TestSummary;
import ai.devbot.sandbox.runner.CommandOutcome;
import ai.devbot.sandbox.runner.RunOutcome;
import ai.devbot.sandbox.runner.RunPlan;

/**
 * The sandbox benchmark (bench/run.sh): the local runner's overhead around a command that does nothing (mount,
 * copy-in, cgroup, namespaces, kill check, unmount), and 20 concurrent runs of a small pytest project next to the
 * same 20 pytest runs straight on the host. Reports numbers; asserts only that the results agree.
 */
public final class SandboxBench {

    static final Limits LIMITS = new Limits(Duration.ofSeconds(120), Duration.ofSeconds(120), 512, 256, 1024, 256,
            8 << 20);

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int concurrent = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        BubblewrapRunner runner = new BubblewrapRunner(new BubblewrapRunner.Settings(
                Path.of("/var/lib/devbot-sandbox-bench"), 644000, concurrent, Duration.ofMinutes(5), 16384,
                "/usr/bin/bwrap", LocalRunners.READ_ONLY, "/usr/local/bin:/usr/bin:/bin", Map.of(), "auto", List.of(), 0, 0, 0));
        if (runner.unavailableReason() != null) {
            throw new IllegalStateException(runner.unavailableReason());
        }
        System.out.printf("cgroups: %s%n", runner.usesCgroups());
        SortedMap<String, byte[]> small = project(20);
        for (int i = 0; i < 20; i++) {
            runner.run(plan(small, "true")); // warm-up: JIT, page cache
        }
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                RunOutcome outcome = runner.run(plan(small, "true"));
                millis.add((System.nanoTime() - start) / 1e6);
                if (!outcome.commands().get(0).succeeded()) {
                    throw new IllegalStateException("'true' failed: " + outcome.commands().get(0));
                }
            }
            Collections.sort(millis);
            p50s.add(percentile(millis, 50));
            p99s.add(percentile(millis, 99));
            System.out.printf("round %d overhead over %d runs: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", round, runs,
                    percentile(millis, 50), percentile(millis, 99), millis.get(millis.size() - 1));
        }
        System.out.printf("OVERHEAD p50 median %.1f ms (%.1f-%.1f), p99 median %.1f ms (%.1f-%.1f)%n",
                median(p50s), Collections.min(p50s), Collections.max(p50s), median(p99s), Collections.min(p99s),
                Collections.max(p99s));

        SortedMap<String, byte[]> pytest = pytestProject();
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double sandboxed = concurrentSandboxed(runner, pytest, concurrent);
            double direct = concurrentDirect(pytest, concurrent);
            ratios.add(sandboxed / direct);
            System.out.printf("round %d, %d concurrent pytest runs: sandboxed %.0f ms, direct %.0f ms, ratio %.2f%n",
                    round, concurrent, sandboxed, direct, sandboxed / direct);
        }
        System.out.printf("CONCURRENT %d pytest runs: sandboxed/direct wall ratio median %.2f (%.2f-%.2f)%n",
                concurrent, median(ratios), Collections.min(ratios), Collections.max(ratios));
        System.exit(0);
    }

    static double concurrentSandboxed(BubblewrapRunner runner, SortedMap<String, byte[]> project, int n)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        long start = System.nanoTime();
        List<Future<RunOutcome>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(() -> runner.run(plan(project, "python3 -m pytest -q -p no:cacheprovider"))));
        }
        for (Future<RunOutcome> future : futures) {
            CommandOutcome outcome = future.get().commands().get(0);
            expectPytestResult(outcome.exitCode(), outcome.stdoutTail(), outcome.stderrTail());
        }
        double millis = (System.nanoTime() - start) / 1e6;
        pool.shutdown();
        return millis;
    }

    static double concurrentDirect(SortedMap<String, byte[]> project, int n) throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path dir = Files.createTempDirectory("devbot-bench-direct");
            for (var file : project.entrySet()) {
                Files.write(dir.resolve(file.getKey()), file.getValue());
            }
            dirs.add(dir);
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        long start = System.nanoTime();
        List<Future<Object[]>> futures = new ArrayList<>();
        for (Path dir : dirs) {
            futures.add(pool.submit(() -> {
                Process process = new ProcessBuilder("/usr/bin/python3", "-m", "pytest", "-q", "-p", "no:cacheprovider")
                        .directory(dir.toFile()).redirectErrorStream(false).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                return new Object[] {process.waitFor(), out, err};
            }));
        }
        for (Future<Object[]> future : futures) {
            Object[] r = future.get();
            expectPytestResult((Integer) r[0], (String) r[1], (String) r[2]);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        pool.shutdown();
        for (Path dir : dirs) {
            try (var files = Files.walk(dir)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return millis;
    }

    /** Sandboxed and direct runs must agree: 5 passed and 1 failed, every time. */
    static void expectPytestResult(int exit, String stdout, String stderr) {
        TestSummary summary = TestReports.fromOutput(stdout, stderr);
        if (exit != 1 || summary == null || summary.passed() != 5 || summary.failed() != 1) {
            throw new IllegalStateException("unexpected pytest result (exit " + exit + "): " + stdout + stderr);
        }
    }

    static SortedMap<String, byte[]> project(int files) {
        SortedMap<String, byte[]> project = new TreeMap<>();
        for (int i = 0; i < files; i++) {
            project.put("src/module" + i + ".py", ("def f" + i + "():\n    return " + i + "\n").repeat(20)
                    .getBytes(StandardCharsets.UTF_8));
        }
        return project;
    }

    static SortedMap<String, byte[]> pytestProject() {
        SortedMap<String, byte[]> project = new TreeMap<>();
        project.put("calc.py", "def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n"
                .getBytes(StandardCharsets.UTF_8));
        StringBuilder tests = new StringBuilder("from calc import add, mul\n\n");
        for (int i = 0; i < 5; i++) {
            tests.append("\ndef test_add_").append(i).append("():\n    assert add(").append(i).append(", 1) == ")
                    .append(i + 1).append("\n");
        }
        tests.append("\ndef test_mul_is_wrong():\n    assert mul(2, 2) == 5\n");
        project.put("test_calc.py", tests.toString().getBytes(StandardCharsets.UTF_8));
        return project;
    }

    static RunPlan plan(SortedMap<String, byte[]> files, String command) {
        return new RunPlan("bench", 1, files, new byte[0], List.of(new CommandSpec("check", command, null)), LIMITS);
    }

    static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
