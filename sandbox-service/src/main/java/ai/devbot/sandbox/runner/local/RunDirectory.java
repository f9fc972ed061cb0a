package ai.devbot.sandbox.runner.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A slot's private file system: a tmpfs of the run's disk size (mode 0700, owned by the slot's uid, nosuid,
 * nodev) holding the work directory, /tmp, /dev/shm and the home folder the sandbox sees. Being one tmpfs, their
 * sum is bounded; being mounted per run and unmounted after it, nothing of one run reaches the next.
 */
final class RunDirectory {

    static final List<String> AREAS = List.of("work", "tmp", "home", "shm");

    private final Path slotDir;
    private final Path fs;
    private final int uid;

    RunDirectory(Path root, int slot, int uid) {
        this.slotDir = root.resolve("slot-" + slot);
        this.fs = slotDir.resolve("fs");
        this.uid = uid;
    }

    Path area(String name) {
        return fs.resolve(name);
    }

    Path work() {
        return area("work");
    }

    /** Where a setup command's registry proxy puts its socket: outside the tmpfs, the slot's own. */
    Path proxyDir() {
        return slotDir.resolve("proxy");
    }

    /**
     * Maven reads no proxy from the environment: a setup gets a {@code ~/.m2/settings.xml} naming the proxy, unless
     * the project brought its own.
     */
    void prepareMavenProxySettings(String proxy) throws IOException {
        java.net.URI uri = java.net.URI.create(proxy);
        Path m2 = area("home").resolve(".m2");
        if (!Files.isDirectory(m2, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(m2);
            chown(m2);
        }
        Path file = m2.resolve("settings.xml");
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        StringBuilder proxies = new StringBuilder();
        for (String protocol : List.of("http", "https")) {
            proxies.append("<proxy><id>devbot-").append(protocol).append("</id><active>true</active><protocol>")
                    .append(protocol).append("</protocol><host>").append(uri.getHost()).append("</host><port>")
                    .append(uri.getPort()).append("</port></proxy>");
        }
        Files.writeString(file, "<settings><proxies>" + proxies + "</proxies></settings>\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        chown(file);
    }

    /** Mounts a fresh tmpfs of {@code diskMb} MiB (unmounting a leftover first) and makes its areas. */
    void mount(int diskMb) throws IOException {
        Files.createDirectories(fs);
        Files.setPosixFilePermissions(slotDir, PosixFilePermissions.fromString("rwx--x--x"));
        unmount();
        long inodes = Math.max(4096, diskMb * 256L);
        HostCommand.require(List.of("mount", "-t", "tmpfs", "-o",
                "size=" + diskMb + "m,nr_inodes=" + inodes + ",mode=0700,uid=" + uid + ",gid=" + uid + ",nosuid,nodev",
                "devbot-sandbox", fs.toString()));
        for (String area : AREAS) {
            Path dir = Files.createDirectory(fs.resolve(area));
            chown(dir);
        }
    }

    /**
     * Writes the project into the work directory. Paths were confined by the archive reader; each is checked
     * again here, and nothing is followed: the directory is fresh and only this code has written to it.
     */
    void unpack(SortedMap<String, byte[]> files) throws IOException {
        Path work = work();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = work.resolve(file.getKey()).normalize();
            if (!target.startsWith(work) || target.equals(work)) {
                throw new IOException("refusing a path outside the work directory: " + file.getKey());
            }
            createParents(work, target.getParent());
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                out.write(file.getValue());
            }
            chown(target);
        }
    }

    private void createParents(Path work, Path dir) throws IOException {
        if (dir.equals(work) || Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        createParents(work, dir.getParent());
        Files.createDirectory(dir);
        chown(dir);
    }

    private void chown(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
    }

    /** Free bytes left on the run's tmpfs. */
    long freeBytes() throws IOException {
        return Files.getFileStore(fs).getUsableSpace();
    }

    /** Detaches the tmpfs (its memory is freed once no process holds it: the run's are all dead by now). */
    void unmount() throws IOException {
        if (mounted()) {
            HostCommand.require(List.of("umount", "--lazy", fs.toString()));
        }
    }

    private boolean mounted() throws IOException {
        String target = " " + fs + " ";
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
            if (line.contains(target)) {
                return true;
            }
        }
        return false;
    }
}
