package ai.devbot.sandbox.runner.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.devbot.sandbox.run.Limits;

/**
 * The host command line that starts one command in the sandbox, built from fixed pieces; the model-written
 * command is only ever the last argument, handed to {@code /bin/sh -c} inside the sandbox.
 * <ol>
 * <li>a fixed {@code sh} script joins the run's cgroups, then execs the rest (so every descendant is counted);</li>
 * <li>{@code prlimit} sets the per-process and per-user limits (processes, open files, CPU seconds, no core
 * dumps);</li>
 * <li>{@code setpriv} drops to the slot's own uid with no capabilities, no supplementary groups and
 * no_new_privs;</li>
 * <li>{@code bwrap} (unprivileged, in a new user namespace) unshares every namespace — no network but its own
 * loopback, its own PIDs (the whole tree dies with it), IPC and hostname — and shows read-only system folders,
 * the run's tmpfs areas and nothing else of the host.</li>
 * </ol>
 */
final class SandboxArguments {

    /** The user the commands run as inside the sandbox (mapped to the slot's host uid). */
    static final int INNER_UID = 1000;
    static final String HOME = "/home/sandbox";
    private static final String ATTACH = "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; "
            + "shift; exec \"$@\"";
    /** Top-level folders that are links into /usr on merged-/usr systems, or real folders elsewhere. */
    private static final List<String> SYSTEM_TOP = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

    private SandboxArguments() {
    }

    record Host(String bwrap, Path etcDir, List<String> readOnlyPaths, String path, Map<String, String> environment) {
    }

    /** Where a setup command finds the registry proxy: its socket's folder inside the sandbox, and the port. */
    static final String PROXY_DIR = "/run/devbot";
    static final String PROXY = "http://127.0.0.1:3128";
    /**
     * A fixed script, the first thing a setup command's sandbox runs: a forwarder from the sandbox's own loopback to
     * the proxy's socket (the sandbox has no other network), a wait until it listens, then the setup command.
     */
    private static final String WITH_PROXY = "socat TCP-LISTEN:3128,bind=127.0.0.1,fork,reuseaddr "
            + "UNIX-CONNECT:" + PROXY_DIR + "/proxy.sock 2>/dev/null & "
            + "i=0; until socat -u /dev/null TCP:127.0.0.1:3128 2>/dev/null || [ $i -ge 100 ]; do i=$((i+1)); sleep 0.02; done; "
            + "exec /bin/sh -c \"$1\"";

    static List<String> command(Host host, int uid, RunDirectory dir, List<String> cgroupFiles, Limits limits,
            String command) {
        return command(host, uid, dir, cgroupFiles, limits, command, null);
    }

    /** With {@code proxyDir}, the command may reach the registries through the proxy whose socket is in it. */
    static List<String> command(Host host, int uid, RunDirectory dir, List<String> cgroupFiles, Limits limits,
            String command, Path proxyDir) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", ATTACH, "devbot-sandbox-attach"));
        argv.addAll(cgroupFiles);
        argv.add("--");
        long cpuSeconds = Math.max(1, limits.cpuTime().toSeconds()) + 1;
        // With a cgroup, its pids.max refuses first (and counts the refusals); the per-uid limit is the backstop.
        int nproc = cgroupFiles.isEmpty() ? limits.processes() : limits.processes() + 16;
        argv.addAll(List.of("/usr/bin/prlimit", "--nproc=" + nproc, "--nofile=" + limits.openFiles(),
                "--cpu=" + cpuSeconds, "--core=0", "--"));
        argv.addAll(List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
        argv.addAll(bwrap(host, dir, proxyDir));
        if (proxyDir != null) {
            for (String name : List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "npm_config_proxy",
                    "npm_config_https_proxy")) {
                argv.addAll(List.of("--setenv", name, PROXY));
            }
            argv.addAll(List.of("--", "/bin/sh", "-c", WITH_PROXY, "devbot-setup", command));
        } else {
            argv.addAll(List.of("--", "/bin/sh", "-c", command));
        }
        return argv;
    }

    static List<String> bwrap(Host host, RunDirectory dir, Path proxyDir) {
        List<String> a = new ArrayList<>(List.of(host.bwrap(),
                "--unshare-all", "--unshare-user", "--disable-userns",
                "--uid", Integer.toString(INNER_UID), "--gid", Integer.toString(INNER_UID),
                "--hostname", "sandbox", "--die-with-parent", "--new-session",
                // The command's shell is PID 1 of the namespace: bwrap's own init would be left a zombie for the
                // host's init to reap (bwrap exits on its status without waiting for it), and when the shell
                // ends the kernel kills the rest of the namespace.
                "--as-pid-1",
                "--ro-bind", "/usr", "/usr"));
        for (String top : SYSTEM_TOP) {
            Path path = Path.of(top);
            if (Files.isSymbolicLink(path)) {
                a.addAll(List.of("--symlink", readLink(path), top));
            } else if (Files.isDirectory(path)) {
                a.addAll(List.of("--ro-bind", top, top));
            }
        }
        for (String path : host.readOnlyPaths()) {
            a.addAll(List.of("--ro-bind-try", path, path));
        }
        for (String file : List.of("passwd", "group", "hosts")) {
            a.addAll(List.of("--ro-bind", host.etcDir().resolve(file).toString(), "/etc/" + file));
        }
        a.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--bind", dir.area("shm").toString(), "/dev/shm",
                "--bind", dir.area("work").toString(), "/work",
                "--bind", dir.area("tmp").toString(), "/tmp",
                "--bind", dir.area("home").toString(), HOME));
        if (proxyDir != null) {
            a.addAll(List.of("--bind", proxyDir.toString(), PROXY_DIR));
        }
        a.addAll(List.of(
                // bwrap's own root and /dev are tmpfs without a size: nothing may be written there.
                "--remount-ro", "/dev", "--remount-ro", "/",
                "--chdir", "/work", "--clearenv",
                "--setenv", "PATH", host.path(), "--setenv", "HOME", HOME, "--setenv", "USER", "sandbox",
                "--setenv", "LANG", "C.UTF-8", "--setenv", "TMPDIR", "/tmp", "--setenv", "CI", "true"));
        host.environment().forEach((name, value) -> a.addAll(List.of("--setenv", name, value)));
        return a;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the link " + link, e);
        }
    }

    /** The sandbox's /etc/passwd, /etc/group and /etc/hosts: one user, loopback names, nothing of the host. */
    static Map<String, String> etcFiles() {
        return Map.of(
                "passwd", "root:x:0:0:root:/root:/usr/sbin/nologin\nsandbox:x:" + INNER_UID + ":" + INNER_UID
                        + ":sandbox:" + HOME + ":/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
                "group", "root:x:0:\nsandbox:x:" + INNER_UID + ":\nnogroup:x:65534:\n",
                "hosts", "127.0.0.1\tlocalhost sandbox\n::1\tlocalhost ip6-localhost ip6-loopback\n");
    }
}
