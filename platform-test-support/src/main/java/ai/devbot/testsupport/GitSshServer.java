package ai.devbot.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real SSH git server on loopback for tests: the operating system's OpenSSH {@code sshd} with its own
 * configuration, where every authorised key may only run {@code git-shell} — what a forge does with a deploy
 * key. Serves the bare repositories on this machine at {@code ssh://<user>@127.0.0.1:<port>/<absolute path>}.
 * The host key is ECDSA: that is what the pushing side verifies without an extra crypto provider.
 */
public final class GitSshServer implements AutoCloseable {

    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Process sshd;
    private final Path dir;
    private final int port;
    private final String user = System.getProperty("user.name");

    private GitSshServer(Process sshd, Path dir, int port) {
        this.sshd = sshd;
        this.dir = dir;
        this.port = port;
    }

    /** Starts sshd on 127.0.0.1 and a free port; no key is authorised yet. */
    public static GitSshServer start() throws Exception {
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException(SSHD + " is missing: run deploy/local/devbot infra up (it installs openssh-server)");
        }
        Path dir = Files.createTempDirectory("devbot-sshd-");
        run(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", dir.resolve("host_key").toString()));
        Files.writeString(dir.resolve("authorized_keys"), "");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                // The files live under /tmp, which is world-writable: sshd's ownership checks would refuse them.
                "StrictModes no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "AllowUsers " + System.getProperty("user.name"),
                "UsePAM no",
                "PrintMotd no",
                "AllowTcpForwarding no",
                "X11Forwarding no",
                ""));
        if ("root".equals(System.getProperty("user.name"))) {
            Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory
        }
        Process sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        GitSshServer server = new GitSshServer(sshd, dir, port);
        server.awaitListening(Duration.ofSeconds(20));
        return server;
    }

    /** Lets this public key (an OpenSSH line) push and fetch: a deploy key with write access. */
    public GitSshServer authorize(String publicKey) throws IOException {
        Files.writeString(dir.resolve("authorized_keys"),
                "restrict,command=\"git-shell -c \\\"$SSH_ORIGINAL_COMMAND\\\"\" " + publicKey.strip() + "\n",
                StandardOpenOption.APPEND);
        return this;
    }

    /** {@code ssh://user@127.0.0.1:port/absolute/path} of a bare repository on this machine. */
    public String url(Path bareRepository) {
        return "ssh://" + user + "@127.0.0.1:" + port + bareRepository.toAbsolutePath();
    }

    /** The host key's fingerprint as OpenSSH prints it, {@code SHA256:…}. */
    public String hostKeyFingerprint() throws Exception {
        return run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", dir.resolve("host_key.pub").toString()))
                .split(" ")[1];
    }

    /** What sshd logged: why a key was refused, when a test needs to know. */
    public String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"));
    }

    private void awaitListening(Duration within) throws Exception {
        long until = System.nanoTime() + within.toNanos();
        while (true) {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("sshd stopped: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("sshd did not listen on " + port + ": " + log());
                }
                Thread.sleep(50);
            }
        }
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        sshd.destroy();
        try {
            sshd.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
