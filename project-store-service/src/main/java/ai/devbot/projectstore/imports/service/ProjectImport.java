package ai.devbot.projectstore.imports.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.projectstore.config.ProjectStoreConfig;
import ai.devbot.projectstore.imports.ImportedFiles;
import ai.devbot.projectstore.imports.ZipImport;
import ai.devbot.projectstore.imports.git.AddressPolicy;
import ai.devbot.projectstore.imports.git.GitClone;
import ai.devbot.projectstore.project.Project;
import ai.devbot.projectstore.project.service.ProjectService;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonObject;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An upload or a public repository becomes a project of its owner: the archive read by {@link ZipImport}, or the
 * repository cloned by {@link GitClone} (on a worker thread — both read up to the limits), then the project, its
 * files as version 1 (the "import" batch, the first entry of its history), its binary files and the import's
 * report written in one transaction. A refused import leaves nothing behind; {@code creationKey} makes a
 * repeated import answer the project the first one made.
 */
@ApplicationScoped
public class ProjectImport {

    public record ImportRequest(Long ownerId, UUID uploadId, String title, String creationKey) {
    }

    /** {@code url}: a public repository's https link. */
    public record GitImportRequest(Long ownerId, String url, String title, String creationKey) {
    }

    /** {@code fileName}: what was imported — the upload's file name or the repository's link. */
    @RegisterForReflection(registerFullHierarchy = true)
    public record Report(String fileName, int files, int binaries, List<ImportedFiles.Refusal> refused,
            List<ImportedFiles.Skipped> skipped, String strippedFolder) {
    }

    public record Imported(Project project, Report report, boolean created) {
    }

    static final String BATCH = "import";

    private final Pool pool;
    private final ProjectService projects;
    private final Uploads uploads;
    private final ObjectMapper json;
    private final ImportedFiles.Limits limits;
    private final GitClone.Policy git;
    private final Semaphore clones;

    public ProjectImport(Pool pool, ProjectService projects, Uploads uploads, ObjectMapper json,
            ProjectStoreConfig config) {
        this.pool = pool;
        this.projects = projects;
        this.uploads = uploads;
        this.json = json;
        var imports = config.imports();
        this.limits = new ImportedFiles.Limits(imports.maxEntries(), imports.maxFiles(), imports.maxFileBytes(),
                imports.maxTotalBytes());
        var clone = imports.git();
        this.git = new GitClone.Policy(clone.schemes(), clone.allowedNetworks().orElse(List.of()).stream()
                .map(AddressPolicy.Network::parse).toList(), clone.timeout(), clone.maxDownloadBytes());
        this.clones = new Semaphore(clone.maxConcurrent());
    }

    /** @throws ImportedFiles.RefusedException (422) when the archive as a whole cannot be imported */
    public Uni<Imported> importUpload(ImportRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("the request body is required");
        }
        validate(request.ownerId(), request.title(), request.creationKey());
        if (request.uploadId() == null) {
            throw new IllegalArgumentException("uploadId is required");
        }
        long owner = request.ownerId();
        return uploads.withContent(request.uploadId(), owner).emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(stored -> {
                    ImportedFiles.Imported archive = ZipImport.read(stored.content(), limits);
                    String fileName = stored.upload().fileName();
                    return store(owner, request.title() != null ? request.title() : titleOf(archive, fileName),
                            request.creationKey(), fileName, "the archive", archive);
                });
    }

    /**
     * Clones the repository (at most {@code max-concurrent} at once) unless this creationKey already made its
     * project. @throws ImportedFiles.RefusedException (422) when it cannot be cloned or imported
     */
    public Uni<Imported> importGit(GitImportRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("the request body is required");
        }
        validate(request.ownerId(), request.title(), request.creationKey());
        if (request.url() == null || request.url().isBlank()) {
            throw new IllegalArgumentException("url is required: a public repository's https link");
        }
        long owner = request.ownerId();
        return earlier(owner, request.creationKey()).chain(found -> found != null ? Uni.createFrom().item(found)
                : Uni.createFrom().item(() -> cloned(request.url())).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .chain(files -> store(owner, request.title() != null ? request.title()
                                : GitClone.repositoryName(request.url()), request.creationKey(), request.url().strip(),
                                "the repository", files)));
    }

    private ImportedFiles.Imported cloned(String url) {
        try {
            if (!clones.tryAcquire(git.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ImportedFiles.RefusedException("other imports are cloning right now; try again in a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportedFiles.RefusedException("the service is stopping; try again in a minute");
        }
        try {
            return GitClone.read(url, git, limits);
        } finally {
            clones.release();
        }
    }

    private static void validate(Long ownerId, String title, String creationKey) {
        if (ownerId == null || ownerId <= 0) {
            throw new IllegalArgumentException("ownerId must be a positive Telegram user id");
        }
        if (creationKey == null || creationKey.isBlank() || creationKey.length() > 200) {
            throw new IllegalArgumentException("creationKey is required (at most 200 characters): it makes a repeated "
                    + "import answer the project the first one made");
        }
        if (title != null && (title.isBlank() || title.length() > 200)) {
            throw new IllegalArgumentException("title cannot be blank or over 200 characters");
        }
    }

    /** The project an earlier import with this key made, with its report; null when there is none. */
    private Uni<Imported> earlier(long owner, String creationKey) {
        return pool.withConnection(connection -> projects.byCreationKey(connection, owner, creationKey)
                .chain(project -> project == null ? Uni.createFrom().nullItem()
                        : reportOf(connection, project, new Report("the earlier import", 0, 0, List.of(), List.of(), null))
                                .map(report -> new Imported(project, report, false))));
    }

    private Uni<Imported> store(long owner, String title, String creationKey, String source, String what,
            ImportedFiles.Imported files) {
        if (files.fileCount() == 0) {
            throw new ImportedFiles.RefusedException(what + " holds no project files" + (files.refused().isEmpty() ? ""
                    : "; refused: " + files.refused().stream().limit(5)
                            .map(refusal -> refusal.entry() + " (" + refusal.reason() + ")")
                            .collect(Collectors.joining(", "))));
        }
        Report report = new Report(source, files.texts().size(), files.binaries().size(), files.refused(),
                files.skipped(), files.strippedFolder());
        var project = new ProjectService.NewProject(owner, title.strip(), "Imported from " + source, "", List.of(), "",
                null, creationKey);
        return pool.withTransaction(tx -> projects.create(tx, project).chain(created -> {
            if (!created.created()) {
                return reportOf(tx, created.project(), report).map(stored -> new Imported(created.project(), stored, false));
            }
            long id = created.project().id();
            return writeFiles(tx, id, files)
                    .chain(() -> tx.preparedQuery("INSERT INTO project_import (project_id, source, report) "
                            + "VALUES ($1, $2, $3)").execute(Tuple.of(id, source, toJson(report))))
                    .replaceWith(new Imported(created.project(), report, true));
        }));
    }

    private Uni<Report> reportOf(SqlConnection tx, Project project, Report otherwise) {
        return tx.preparedQuery("SELECT report FROM project_import WHERE project_id = $1").execute(Tuple.of(project.id()))
                .map(rows -> rows.size() == 0 ? otherwise : read(rows.iterator().next().getJsonObject("report")));
    }

    private Uni<Void> writeFiles(SqlConnection tx, long projectId, ImportedFiles.Imported archive) {
        List<Tuple> files = new ArrayList<>();
        List<Tuple> history = new ArrayList<>();
        for (Map.Entry<String, String> file : archive.texts().entrySet()) {
            files.add(Tuple.of(projectId, file.getKey(), file.getValue(), 1));
            history.add(Tuple.of(projectId, file.getKey(), 1, file.getValue(), BATCH, BATCH));
        }
        List<Tuple> binaries = new ArrayList<>();
        archive.binaries().forEach((path, bytes) -> binaries.add(Tuple.of(projectId, path, Buffer.buffer(bytes))));
        Uni<?> writes = Uni.createFrom().voidItem();
        if (!files.isEmpty()) {
            writes = writes
                    .chain(() -> tx.preparedQuery("INSERT INTO project_file (project_id, path, content, version) "
                            + "VALUES ($1, $2, $3, $4)").executeBatch(files))
                    .chain(() -> tx.preparedQuery("INSERT INTO file_version (project_id, path, version, content, "
                            + "batch_id, author) VALUES ($1, $2, $3, $4, $5, $6)").executeBatch(history));
        }
        if (!binaries.isEmpty()) {
            writes = writes.chain(() -> tx.preparedQuery("INSERT INTO project_binary (project_id, path, content) "
                    + "VALUES ($1, $2, $3)").executeBatch(binaries));
        }
        var outcome = new ProjectService.BatchOutcome(BATCH, List.copyOf(archive.texts().keySet()), List.of(), List.of());
        return writes.chain(() -> tx.preparedQuery("INSERT INTO edit_batch (project_id, batch_id, outcome) "
                + "VALUES ($1, $2, $3)").execute(Tuple.of(projectId, BATCH, toJson(outcome)))).replaceWithVoid();
    }

    /** {@code tip-calc-main/} or {@code tip-calc-main.zip} → {@code tip-calc}. */
    static String titleOf(ImportedFiles.Imported archive, String fileName) {
        String base = archive.strippedFolder() != null ? archive.strippedFolder()
                : fileName.replaceFirst("(?i)\\.zip$", "");
        String title = base.replaceFirst("(?i)-(main|master)$", "").strip();
        if (title.isEmpty()) {
            return "Imported project";
        }
        return title.length() > 200 ? title.substring(0, 200) : title;
    }

    private JsonObject toJson(Object value) {
        try {
            return new JsonObject(json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Report read(JsonObject stored) {
        try {
            return json.readValue(stored.encode(), Report.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
