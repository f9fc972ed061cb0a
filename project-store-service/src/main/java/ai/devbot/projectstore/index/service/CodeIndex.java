package ai.devbot.projectstore.index.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import ai.devbot.projectstore.project.service.ProjectService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The code index of every project: chunks of each file with their embeddings in pgvector.
 * Refreshing looks at file versions, re-chunks only files that changed and embeds only chunks
 * whose text (with their path) is new; it runs after every applied batch. Chunks are written first
 * and embedded after, in the background, so a large import is searchable at once: before every
 * search the changed files are re-chunked (fast), and while chunks still wait for embeddings the
 * search merges similarity over the embedded ones with word matches over the rest. Otherwise search
 * ranks a project's chunks by cosine similarity (exact, per project); the context answer fills a token
 * budget with the file tree and the best chunks, for the implementer. Blocking: callers are on
 * worker threads.
 */
@ApplicationScoped
public class CodeIndex {

    public record Hit(String path, int startLine, int endLine, String content, int tokens, double score) {
    }

    public record Context(List<String> fileTree, boolean fileTreeTruncated, List<Hit> chunks, int tokens, int budget) {
    }

    private static final Logger LOG = Logger.getLogger(CodeIndex.class);
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final int EMBED_BATCH = 64;
    /** Chunks embedded before a search rather than after it (about seven seconds of embedding here). */
    public static final int EMBED_BEFORE_SEARCH = 256;
    /** Reciprocal-rank fusion's usual constant: the top few of each list weigh about the same. */
    private static final int RRF_K = 60;
    /** What a chunk costs in the prompt besides its text: the path and line header. */
    private static final int CHUNK_OVERHEAD_TOKENS = 12;

    private final Pool pool;
    private final Embedder embedder;
    private final ProjectService projects;
    private final ManagedExecutor executor;
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();
    private final Map<Long, Object> embedding = new ConcurrentHashMap<>();
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();

    public CodeIndex(Pool pool, Embedder embedder, ProjectService projects, ManagedExecutor executor) {
        this.pool = pool;
        this.embedder = embedder;
        this.projects = projects;
        this.executor = executor;
    }

    /**
     * After a batch: refresh in the background, at most one waiting refresh per project however many
     * batches arrive (a refresh reads the files as they are when it starts). A failure is logged and
     * repaired by the next refresh.
     */
    public void refreshLater(long projectId) {
        if (!queued.add(projectId)) {
            return;
        }
        executor.runAsync(() -> {
            queued.remove(projectId);
            refresh(projectId);
        }).exceptionally(e -> {
            LOG.warnf("indexing project %d failed, retried at its next search: %s", projectId, e.getMessage());
            return null;
        });
    }

    /** A chunk to store: its file, its place and text, and the key its embedding is kept under. */
    private record Placed(String path, Chunker.Chunk chunk, String hash) {
    }

    /**
     * Brings the index up to the files' current versions — chunks first (searchable by their words at once), then
     * the embeddings they lack; returns how many chunks were embedded.
     */
    public int refresh(long projectId) {
        chunk(projectId);
        return embedPending(projectId);
    }

    /** Re-chunks the files that changed, keeping the embeddings of unchanged chunks; new chunks wait for theirs. */
    void chunk(long projectId) {
        synchronized (locks.computeIfAbsent(projectId, id -> new Object())) {
            Map<String, Row> changed = new HashMap<>();
            for (Row row : query("SELECT f.path, f.version, f.content FROM project_file f "
                    + "LEFT JOIN indexed_file i ON i.project_id = f.project_id AND i.path = f.path "
                    + "WHERE f.project_id = $1 AND (i.version IS NULL OR i.version <> f.version)", Tuple.of(projectId))) {
                changed.put(row.getString("path"), row);
            }
            List<String> stale = new ArrayList<>(changed.keySet());
            for (Row row : query("SELECT i.path FROM indexed_file i LEFT JOIN project_file f "
                    + "ON f.project_id = i.project_id AND f.path = i.path WHERE i.project_id = $1 AND f.path IS NULL",
                    Tuple.of(projectId))) {
                stale.add(row.getString("path"));
            }
            if (stale.isEmpty()) {
                return;
            }
            List<Placed> placed = new ArrayList<>();
            changed.forEach((path, row) -> Chunker.split(row.getString("content")).forEach(chunk ->
                    placed.add(new Placed(path, chunk, Chunker.sha256(path + "\n" + chunk.text())))));
            Map<String, String> embeddings = knownEmbeddings(projectId, changed.keySet());
            List<Tuple> rows = placed.stream().map(p -> Tuple.tuple(java.util.Arrays.asList(projectId, p.path(),
                    p.hash(), p.chunk().startLine(), p.chunk().endLine(), p.chunk().text(), p.chunk().tokens(),
                    embeddings.get(p.hash())))).toList();
            List<Tuple> indexed = changed.entrySet().stream()
                    .map(e -> Tuple.of(projectId, e.getKey(), e.getValue().getInteger("version"))).toList();
            write(projectId, stale, rows, indexed);
        }
    }

    /** The embeddings the changed files already have, by chunk key: unchanged chunks are not embedded again. */
    private Map<String, String> knownEmbeddings(long projectId, Set<String> paths) {
        Map<String, String> known = new HashMap<>();
        if (!paths.isEmpty()) {
            for (Row row : query("SELECT chunk_hash, embedding::text AS embedding FROM code_chunk "
                    + "WHERE project_id = $1 AND path = ANY($2) AND embedding IS NOT NULL",
                    Tuple.of(projectId, paths.toArray(String[]::new)))) {
                known.put(row.getString("chunk_hash"), row.getString("embedding"));
            }
        }
        return known;
    }

    /**
     * Embeds, in batches, the project's chunks that have no embedding yet; one embedder per project at a time (a
     * second caller waits and finds the work done), and never under the chunking lock, so searches keep answering.
     */
    int embedPending(long projectId) {
        synchronized (embedding.computeIfAbsent(projectId, id -> new Object())) {
            Map<String, String> texts = new LinkedHashMap<>();
            for (Row row : query("SELECT DISTINCT ON (chunk_hash) chunk_hash, path, content FROM code_chunk "
                    + "WHERE project_id = $1 AND embedding IS NULL", Tuple.of(projectId))) {
                texts.put(row.getString("chunk_hash"), row.getString("path") + "\n" + row.getString("content"));
            }
            List<String> hashes = new ArrayList<>(texts.keySet());
            for (int from = 0; from < hashes.size(); from += EMBED_BATCH) {
                List<String> batch = hashes.subList(from, Math.min(hashes.size(), from + EMBED_BATCH));
                List<float[]> vectors = embedder.embed(batch.stream().map(texts::get).toList());
                List<Tuple> updates = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    updates.add(Tuple.of(projectId, batch.get(i), Embedder.literal(vectors.get(i))));
                }
                pool.preparedQuery("UPDATE code_chunk SET embedding = $3::text::vector WHERE project_id = $1 "
                        + "AND chunk_hash = $2 AND embedding IS NULL").executeBatch(updates).await().atMost(WAIT);
            }
            return hashes.size();
        }
    }

    long pendingEmbeddings(long projectId) {
        return query("SELECT count(*) AS pending FROM code_chunk WHERE project_id = $1 AND embedding IS NULL",
                Tuple.of(projectId)).iterator().next().getLong("pending");
    }

    /** Replaces the stale files' chunks in one transaction, serialised per project across instances. */
    private void write(long projectId, List<String> stale, List<Tuple> chunks, List<Tuple> indexed) {
        String[] paths = stale.toArray(String[]::new);
        pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(projectId))
                .chain(() -> tx.preparedQuery("DELETE FROM code_chunk WHERE project_id = $1 AND path = ANY($2)")
                        .execute(Tuple.of(projectId, paths)))
                .chain(() -> tx.preparedQuery("DELETE FROM indexed_file WHERE project_id = $1 AND path = ANY($2)")
                        .execute(Tuple.of(projectId, paths)))
                .chain(() -> chunks.isEmpty() ? Uni.createFrom().nullItem()
                        : tx.preparedQuery("INSERT INTO code_chunk (project_id, path, chunk_hash, start_line, end_line, "
                                + "content, tokens, embedding) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::vector)")
                                .executeBatch(chunks))
                .chain(() -> indexed.isEmpty() ? Uni.createFrom().nullItem()
                        : tx.preparedQuery("INSERT INTO indexed_file (project_id, path, version) VALUES ($1, $2, $3)")
                                .executeBatch(indexed)))
                .await().atMost(WAIT);
    }

    private RowSet<Row> query(String sql, Tuple arguments) {
        return pool.preparedQuery(sql).execute(arguments).await().atMost(WAIT);
    }

    /** For the owner's project (404 otherwise). */
    public int refresh(long projectId, long ownerId) {
        projects.get(projectId, ownerId).await().atMost(WAIT);
        return refresh(projectId);
    }

    public long chunkCount(long projectId) {
        return query("SELECT count(*) AS chunks FROM code_chunk WHERE project_id = $1", Tuple.of(projectId)).iterator()
                .next().getLong("chunks");
    }

    public List<Hit> search(long projectId, long ownerId, String query, int k) {
        if (query == null || query.isBlank() || query.length() > 2000) {
            throw new IllegalArgumentException("q is required (at most 2000 characters)");
        }
        if (k < 1 || k > 50) {
            throw new IllegalArgumentException("k must be 1–50");
        }
        projects.get(projectId, ownerId).await().atMost(WAIT);
        chunk(projectId);
        long pending = pendingEmbeddings(projectId);
        if (pending > 0 && pending <= EMBED_BEFORE_SEARCH) {
            // A task's change is a few chunks: seconds to embed, so the search sees them by meaning.
            embedPending(projectId);
            pending = 0;
        }
        if (pending == 0) {
            return nearest(projectId, query, k);
        }
        refreshLater(projectId);
        return fused(projectId, query, k);
    }

    public Context context(long projectId, long ownerId, String query, int budget) {
        if (budget < 200 || budget > 200_000) {
            throw new IllegalArgumentException("budgetTokens must be 200–200,000");
        }
        List<Hit> candidates = search(projectId, ownerId, query, 50);
        List<String> paths = new ArrayList<>();
        for (Row row : query("SELECT path FROM project_file WHERE project_id = $1 ORDER BY path", Tuple.of(projectId))) {
            paths.add(row.getString("path"));
        }
        // The tree gets at most a third of the budget; a big project lists what fits and says how many more.
        int treeBudget = budget / 3;
        List<String> tree = new ArrayList<>();
        int used = 0;
        for (String path : paths) {
            int cost = Chunker.tokens(path) + 1;
            if (used + cost > treeBudget) {
                break;
            }
            tree.add(path);
            used += cost;
        }
        boolean truncated = tree.size() < paths.size();
        if (truncated) {
            tree.add("… and " + (paths.size() - tree.size()) + " more files");
            used += 8;
        }
        List<Hit> chunks = new ArrayList<>();
        for (Hit hit : candidates) {
            int cost = hit.tokens() + CHUNK_OVERHEAD_TOKENS;
            if (used + cost <= budget) {
                chunks.add(hit);
                used += cost;
            }
        }
        return new Context(tree, truncated, chunks, used, budget);
    }

    /**
     * While some chunks wait for their embeddings: the embedded ones ranked by similarity and the others by their
     * words, merged by reciprocal rank (each list's first counts the same), so a fresh import is searchable at once.
     */
    private List<Hit> fused(long projectId, String query, int k) {
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Hit> byKey = new HashMap<>();
        for (List<Hit> ranked : List.of(nearest(projectId, query, k), byWords(projectId, query, k))) {
            for (int rank = 0; rank < ranked.size(); rank++) {
                Hit hit = ranked.get(rank);
                String key = hit.path() + ":" + hit.startLine();
                byKey.putIfAbsent(key, hit);
                scores.merge(key, 1.0 / (RRF_K + rank + 1), Double::sum);
            }
        }
        return scores.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(k)
                .map(entry -> {
                    Hit hit = byKey.get(entry.getKey());
                    return new Hit(hit.path(), hit.startLine(), hit.endLine(), hit.content(), hit.tokens(), entry.getValue());
                }).toList();
    }

    /** The not-yet-embedded chunks that share the most words with the query. */
    private List<Hit> byWords(long projectId, String query, int k) {
        List<String> words = java.util.Arrays.stream(query.toLowerCase(java.util.Locale.ROOT).split("[^\\p{Alnum}]+"))
                .filter(word -> word.length() > 1).distinct().limit(32).toList();
        List<Hit> hits = new ArrayList<>();
        if (words.isEmpty()) {
            return hits;
        }
        for (Row row : query("WITH q AS MATERIALIZED (SELECT to_tsquery('simple', $2) AS t) "
                + "SELECT c.path, c.start_line, c.end_line, c.content, c.tokens, ts_rank_cd(c.words, q.t) AS score "
                + "FROM code_chunk c, q WHERE c.project_id = $1 AND c.embedding IS NULL AND c.words @@ q.t "
                + "ORDER BY score DESC, c.path, c.start_line LIMIT $3", Tuple.of(projectId, String.join(" | ", words), k))) {
            hits.add(new Hit(row.getString("path"), row.getInteger("start_line"), row.getInteger("end_line"),
                    row.getString("content"), row.getInteger("tokens"), row.getDouble("score")));
        }
        return hits;
    }

    private List<Hit> nearest(long projectId, String query, int k) {
        String vector = Embedder.literal(embedder.embed(query));
        List<Hit> hits = new ArrayList<>();
        // The query vector is parsed once: a MATERIALIZED CTE, since the generic plan of a prepared
        // statement would otherwise re-parse the text parameter for every row (300 ms over 5,000 chunks).
        for (Row row : query("WITH q AS MATERIALIZED (SELECT $2::text::vector AS v) "
                + "SELECT c.path, c.start_line, c.end_line, c.content, c.tokens, 1 - (c.embedding <=> q.v) AS score "
                + "FROM code_chunk c, q WHERE c.project_id = $1 AND c.embedding IS NOT NULL "
                + "ORDER BY c.embedding <=> q.v LIMIT $3",
                Tuple.of(projectId, vector, k))) {
            hits.add(new Hit(row.getString("path"), row.getInteger("start_line"), row.getInteger("end_line"),
                    row.getString("content"), row.getInteger("tokens"), row.getDouble("score")));
        }
        return hits;
    }
}
