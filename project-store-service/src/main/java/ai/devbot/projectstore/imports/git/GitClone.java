package ai.devbot.projectstore.imports.git;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import ai.devbot.projectstore.imports.ImportedFiles;

/**
 * A public repository's newest files, read like an uploaded zip: a shallow (depth 1), bare clone with JGit
 * into a temporary folder — nothing is checked out, so no hostile name ever touches the file system — and
 * then the tree of HEAD passes the rules of {@link ImportedFiles}; links and submodules are refused and
 * listed. Every connection is checked and counted by {@link GuardedConnections}: only the allowed schemes,
 * public addresses at every redirect, at most {@code maxDownloadBytes} received, all within {@code timeout}.
 */
public final class GitClone {

    public record Policy(Set<String> schemes, List<AddressPolicy.Network> allowedNetworks, Duration timeout,
            long maxDownloadBytes) {
    }

    private GitClone() {
    }

    /** Every JGit HTTP connection of this process checked and counted by the clone it belongs to; call at start. */
    public static void guardConnections() {
        GuardedConnections.install();
    }

    /** @throws ImportedFiles.RefusedException when the link cannot be cloned or its files imported (says why) */
    public static ImportedFiles.Imported read(String url, Policy policy, ImportedFiles.Limits limits) {
        String checked = checkedUrl(url, policy.schemes());
        GuardedConnections.requireInstalled();
        var guard = new GuardedConnections.Guard(policy.schemes(), new AddressPolicy(policy.allowedNetworks()),
                policy.maxDownloadBytes(), System.nanoTime() + policy.timeout().toNanos());
        Path folder = null;
        try {
            folder = Files.createTempDirectory("devbot-clone-");
            Path into = folder;
            return GuardedConnections.under(guard, () -> {
                try (Git git = Git.cloneRepository().setURI(checked).setDirectory(into.toFile()).setBare(true)
                        .setDepth(1).setNoTags().setCloneAllBranches(false)
                        .setTimeout((int) Math.max(1, policy.timeout().toSeconds()))
                        .setProgressMonitor(new Deadline(guard)).call()) {
                    return files(git.getRepository(), limits);
                }
            });
        } catch (ImportedFiles.RefusedException e) {
            throw e;
        } catch (Exception e) {
            throw new ImportedFiles.RefusedException(guard.refusal != null ? guard.refusal
                    : guard.pastDeadline() ? "the clone took longer than " + policy.timeout().toSeconds() + " s"
                    : why(e, guard.lastStatus));
        } finally {
            delete(folder);
        }
    }

    /** {@code https://github.com/me/tip-calc.git} → {@code tip-calc}. */
    public static String repositoryName(String url) {
        String path = URI.create(url.strip()).getPath().replaceAll("/+$", "");
        String name = path.substring(path.lastIndexOf('/') + 1).replaceFirst("(?i)\\.git$", "").strip();
        return name.isEmpty() ? "Imported project" : name.length() > 200 ? name.substring(0, 200) : name;
    }

    /** The link as it is cloned, or why it is not taken at all (before any connection). */
    static String checkedUrl(String url, Set<String> schemes) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw new ImportedFiles.RefusedException("the link is empty or over 2,000 characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new ImportedFiles.RefusedException("the link is not a valid address");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw new ImportedFiles.RefusedException("only " + String.join(", ", schemes.stream().sorted().toList())
                    + " links are cloned (like https://github.com/you/project)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ImportedFiles.RefusedException("the link has a user name or password in it; only public "
                    + "repositories are imported, and credentials never belong in a chat");
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().replace("/", "").isEmpty()) {
            throw new ImportedFiles.RefusedException("the link names no repository (like https://github.com/you/project)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ImportedFiles.RefusedException("the link has a query or fragment; send the repository's address");
        }
        return uri.toString();
    }

    private static ImportedFiles.Imported files(Repository repository, ImportedFiles.Limits limits) throws IOException {
        ObjectId head = repository.resolve("HEAD");
        if (head == null) {
            throw new ImportedFiles.RefusedException("the repository has no commits");
        }
        ImportedFiles imported = new ImportedFiles(limits, "the repository", null);
        int entries = 0;
        try (RevWalk commits = new RevWalk(repository); TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commits.parseCommit(head).getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                if (++entries > limits.maxEntries()) {
                    throw new ImportedFiles.RefusedException("the repository has more than " + limits.maxEntries()
                            + " entries; at most that many are read");
                }
                String name = walk.getPathString();
                FileMode mode = walk.getFileMode(0);
                String path = imported.admit(name, name, notAFile(mode));
                if (path != null) {
                    try (InputStream in = repository.open(walk.getObjectId(0)).openStream()) {
                        imported.add(path, in);
                    }
                }
            }
        }
        return imported.result();
    }

    private static String notAFile(FileMode mode) {
        if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
            return null;
        }
        if (mode == FileMode.SYMLINK) {
            return "it is a symbolic link; links could point outside the project";
        }
        if (mode == FileMode.GITLINK) {
            return "it is a submodule (another repository); submodules are not imported";
        }
        return "it is not a regular file";
    }

    /** What the user is told when JGit gives up: from the server's last answer, else the failure's kind. */
    private static String why(Exception e, int lastStatus) {
        if (lastStatus == 401 || lastStatus == 403) {
            return "the repository is private (or does not exist); only public repositories are imported";
        }
        if (lastStatus == 404 || causedBy(e, NoRemoteRepositoryException.class)) {
            return "there is no repository at that address";
        }
        if (causedBy(e, UnknownHostException.class)) {
            return "the server's name is not known";
        }
        if (causedBy(e, ConnectException.class) || causedBy(e, NoRouteToHostException.class)) {
            return "the server could not be reached";
        }
        if (causedBy(e, InterruptedIOException.class)) {
            return "the server did not answer in time";
        }
        if (lastStatus >= 500) {
            return "the server failed (HTTP " + lastStatus + "); try again later";
        }
        return "it could not be cloned";
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is the OS's to clean; the import's outcome does not depend on it.
        }
    }

    /** Cancels the clone at its deadline even while no byte arrives (JGit asks between objects). */
    private static final class Deadline implements ProgressMonitor {
        private final GuardedConnections.Guard guard;

        Deadline(GuardedConnections.Guard guard) {
            this.guard = guard;
        }

        @Override
        public boolean isCancelled() {
            return guard.pastDeadline();
        }

        @Override
        public void start(int totalTasks) {
        }

        @Override
        public void beginTask(String title, int totalWork) {
        }

        @Override
        public void update(int completed) {
        }

        @Override
        public void endTask() {
        }

        @Override
        public void showDuration(boolean enabled) {
        }
    }
}
