package ai.devbot.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Real repositories made and read with the OS's plain {@code git}, for tests that must not trust JGit alone. */
public final class GitRepositories {

    /** More of the first commit: it stages what it adds itself (links, submodules, binaries). */
    public interface WorkTree {
        void add(Path work) throws Exception;
    }

    private GitRepositories() {
    }

    /** A bare repository {@code root/name.git} with one commit of these text files on {@code main}. */
    public static Path bare(Path root, String name, Map<String, String> files, WorkTree more) throws Exception {
        Path work = Files.createTempDirectory("devbot-git-work-");
        git(work, "init", "-q", "-b", "main");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = work.resolve(file.getKey());
            Files.createDirectories(path.getParent() == null ? work : path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
        git(work, "add", "-A");
        more.add(work);
        git(work, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
        git(root, "clone", "-q", "--bare", work.toString(), name + ".git");
        return root.resolve(name + ".git");
    }

    /** Runs git in {@code in} and answers its output; fails with that output when git does. */
    public static String git(Path in, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
            throw new IllegalStateException("git " + command + " failed: " + out);
        }
        return out;
    }
}
