package ai.devbot.sandbox.runner.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.nio.charset.StandardCharsets;

import ai.devbot.sandbox.run.CommandSpec;
import ai.devbot.sandbox.run.Limits;
import ai.devbot.sandbox.runner.RunPlan;

/** A real bubblewrap runner for tests, on its own root and uids so it never meets the service's. */
final class LocalRunners {

    static final Path ROOT = Path.of("/var/lib/devbot-sandbox-test");
    static final int UID_BASE = 642000;
    static final List<String> READ_ONLY = List.of("/etc/alternatives", "/etc/ssl", "/etc/ca-certificates",
            "/etc/java-17-openjdk", "/etc/maven", "/etc/nsswitch.conf", "/etc/localtime", "/etc/mime.types");

    private LocalRunners() {
    }

    static BubblewrapRunner runner(int slots) {
        return runner(slots, List.of());
    }

    static BubblewrapRunner runner(int slots, List<String> registries) {
        return new BubblewrapRunner(new BubblewrapRunner.Settings(ROOT, UID_BASE, slots, Duration.ofSeconds(60), 4096,
                "/usr/bin/bwrap", READ_ONLY, "/usr/local/bin:/usr/bin:/bin", Map.of(), "auto", registries, 1 << 20, 64L << 20, 256L << 20));
    }

    static Limits limits() {
        return new Limits(Duration.ofSeconds(20), Duration.ofSeconds(10), 256, 64, 256, 64, 1024 * 1024);
    }

    static RunPlan plan(Limits limits, Map<String, String> files, String... commands) {
        SortedMap<String, byte[]> bytes = new TreeMap<>();
        files.forEach((path, content) -> bytes.put(path, content.getBytes(StandardCharsets.UTF_8)));
        List<CommandSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < commands.length; i++) {
            specs.add(new CommandSpec("step-" + i, commands[i], null));
        }
        return new RunPlan("test-" + System.nanoTime(), 1, bytes, new byte[0], specs, limits);
    }
}
