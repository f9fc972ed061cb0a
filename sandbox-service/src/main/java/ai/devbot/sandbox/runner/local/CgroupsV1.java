package ai.devbot.sandbox.runner.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run cgroups on a cgroup-v1 host (separate memory, pids and cpuacct hierarchies under /sys/fs/cgroup): one group
 * per run under {@code devbot-sandbox/} in each. Memory counts page cache and tmpfs pages too; swap is capped
 * alongside when the kernel accounts it.
 */
final class CgroupsV1 {

    static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static final String PARENT = "devbot-sandbox";
    private static final List<String> CONTROLLERS = List.of("memory", "pids", "cpuacct");

    private CgroupsV1() {
    }

    /** Whether this host mounts the three v1 hierarchies and lets this process create groups in them. */
    static boolean available() {
        for (String controller : CONTROLLERS) {
            Path parent = ROOT.resolve(controller).resolve(PARENT);
            try {
                if (!Files.isRegularFile(ROOT.resolve(controller).resolve("cgroup.procs"))) {
                    return false;
                }
                Files.createDirectories(parent);
            } catch (IOException | SecurityException e) {
                return false;
            }
        }
        return true;
    }

    static RunCgroup create(String name, long memoryBytes, int processes) throws IOException {
        List<Path> groups = new ArrayList<>();
        for (String controller : CONTROLLERS) {
            Path group = ROOT.resolve(controller).resolve(PARENT).resolve(name);
            removeIfPresent(group);
            Files.createDirectories(group);
            groups.add(group);
        }
        Path memory = groups.get(0);
        write(memory.resolve("memory.limit_in_bytes"), memoryBytes);
        Path swap = memory.resolve("memory.memsw.limit_in_bytes");
        if (Files.exists(swap)) {
            write(swap, memoryBytes);
        }
        write(groups.get(1).resolve("pids.max"), processes);
        return new Group(groups);
    }

    static void removeIfPresent(String name) throws IOException {
        for (String controller : CONTROLLERS) {
            removeIfPresent(ROOT.resolve(controller).resolve(PARENT).resolve(name));
        }
    }

    private static void removeIfPresent(Path group) throws IOException {
        if (Files.isDirectory(group)) {
            Files.delete(group);
        }
    }

    private static void write(Path file, long value) throws IOException {
        Files.writeString(file, Long.toString(value), StandardCharsets.US_ASCII);
    }

    private static long readKey(Path file, String key) throws IOException {
        Long value = valueOf(Files.readAllLines(file, StandardCharsets.US_ASCII), key);
        return value == null ? 0 : value;
    }

    /** The value of a {@code key value} line, or null when there is none. */
    private static Long valueOf(List<String> lines, String key) {
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].equals(key)) {
                return Long.parseLong(parts[1]);
            }
        }
        return null;
    }

    private record Group(List<Path> groups) implements RunCgroup {

        @Override
        public List<String> attachFiles() {
            return groups.stream().map(g -> g.resolve("cgroup.procs").toString()).toList();
        }

        @Override
        public long cpuNanos() throws IOException {
            return Long.parseLong(Files.readString(groups.get(2).resolve("cpuacct.usage")).trim());
        }

        @Override
        public long oomKills() throws IOException {
            Long kills = valueOf(Files.readAllLines(groups.get(0).resolve("memory.oom_control")), "oom_kill");
            // Kernels before 4.13 do not count kills; a hit limit is the next best sign.
            return kills != null ? kills
                    : Long.parseLong(Files.readString(groups.get(0).resolve("memory.failcnt")).trim());
        }

        @Override
        public long forksRefused() throws IOException {
            Path events = groups.get(1).resolve("pids.events");
            return Files.exists(events) ? readKey(events, "max") : 0;
        }

        @Override
        public boolean empty() throws IOException {
            for (Path group : groups) {
                if (!Files.readString(group.resolve("cgroup.procs")).isBlank()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            for (Path group : groups) {
                removeIfPresent(group);
            }
        }
    }
}
