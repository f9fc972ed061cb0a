package ai.devbot.projectstore.history;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.BundleWriter;

/**
 * A project's history as git commits: each {@link Commit} sets or deletes files on top of the one before, and is
 * written with author and committer "devbot" at its stored time — so the same history always gives the same
 * commit ids. Written as a git bundle ({@code git clone project.bundle} gives the full history on branch
 * {@code main}). Pure: commits in, bytes out; nothing touches a disk.
 */
public final class GitHistory {

    public static final String BRANCH = "refs/heads/main";
    static final String NAME = "devbot";
    static final String EMAIL = "devbot@users.noreply.devbot.invalid";

    /** One commit: {@code changes} maps a path to its new bytes, or to null when the commit deletes it. */
    public record Commit(String message, Instant at, Map<String, byte[]> changes) {
    }

    private GitHistory() {
    }

    /** Writes the commits, oldest first, as a bundle of {@link #BRANCH}; answers the last commit's id. */
    public static ObjectId writeBundle(List<Commit> commits, OutputStream out) throws IOException {
        try (InMemoryRepository repository = new InMemoryRepository(new DfsRepositoryDescription("project"))) {
            ObjectId head = writeInto(repository, commits);
            BundleWriter bundle = new BundleWriter(repository);
            bundle.include(BRANCH, head);
            bundle.include(Constants.HEAD, head);
            bundle.writeBundle(NullProgressMonitor.INSTANCE, out);
            return head;
        }
    }

    /** Writes the commits, oldest first, into the repository's objects; answers the last commit's id. */
    public static ObjectId writeInto(Repository repository, List<Commit> commits) throws IOException {
        if (commits.isEmpty()) {
            throw new IllegalArgumentException("a history needs at least one commit");
        }
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId head = commit(inserter, commits);
            inserter.flush();
            return head;
        }
    }

    private static ObjectId commit(ObjectInserter inserter, List<Commit> commits) throws IOException {
        SortedMap<String, ObjectId> files = new TreeMap<>();
        ObjectId parent = null;
        for (Commit commit : commits) {
            for (Map.Entry<String, byte[]> change : commit.changes().entrySet()) {
                if (change.getValue() == null) {
                    files.remove(change.getKey());
                } else {
                    files.put(change.getKey(), inserter.insert(Constants.OBJ_BLOB, change.getValue()));
                }
            }
            CommitBuilder builder = new CommitBuilder();
            builder.setTreeId(tree(inserter, files));
            if (parent != null) {
                builder.setParentId(parent);
            }
            PersonIdent devbot = new PersonIdent(NAME, EMAIL, commit.at(), ZoneOffset.UTC);
            builder.setAuthor(devbot);
            builder.setCommitter(devbot);
            builder.setMessage(commit.message().endsWith("\n") ? commit.message() : commit.message() + "\n");
            parent = inserter.insert(builder);
        }
        return parent;
    }

    private static ObjectId tree(ObjectInserter inserter, SortedMap<String, ObjectId> files) throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        files.forEach((path, blob) -> {
            DirCacheEntry entry = new DirCacheEntry(path);
            entry.setFileMode(FileMode.REGULAR_FILE);
            entry.setObjectId(blob);
            builder.add(entry);
        });
        builder.finish();
        return index.writeTree(inserter);
    }
}
