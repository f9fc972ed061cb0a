package ai.devbot.projectstore.imports.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.projectstore.config.ProjectStoreConfig;
import ai.devbot.projectstore.imports.ZipImport;
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
 * An upload becomes a project of its owner: the archive read by {@link ZipImport} (on a worker thread — it
 * inflates up to the limits), then the project, its files as version 1 (the "import" batch, the first entry of
 * its history) and its binary files written in one transaction. A refused archive leaves nothing behind;
 * {@code creationKey} makes a repeated import answer the project the first one made.
 */
@ApplicationScoped
public class ProjectImport {

    public record ImportRequest(Long ownerId, UUID uploadId, String title, String creationKey) {
    }

    @RegisterForReflection(registerFullHierarchy = true)
    public record Report(String fileName, int files, int binaries, List<ZipImport.Refusal> refused,
            List<ZipImport.Skipped> skipped, String strippedFolder) {
    }

    public record Imported(Project project, Report report, boolean created) {
    }

    static final String BATCH = "import";

    private final Pool pool;
    private final ProjectService projects;
    private final Uploads uploads;
    private final ObjectMapper json;
    private final ZipImport.Limits limits;

    public ProjectImport(Pool pool, ProjectService projects, Uploads uploads, ObjectMapper json,
            ProjectStoreConfig config) {
        this.pool = pool;
        this.projects = projects;
        this.uploads = uploads;
        this.json = json;
        var imports = config.imports();
        this.limits = new ZipImport.Limits(imports.maxEntries(), imports.maxFiles(), imports.maxFileBytes(),
                imports.maxTotalBytes());
    }

    /** @throws ZipImport.RefusedException (422) when the archive as a whole cannot be imported */
    public Uni<Imported> importUpload(ImportRequest request) {
        if (request == null || request.ownerId() == null || request.ownerId() <= 0) {
            throw new IllegalArgumentException("ownerId must be a positive Telegram user id");
        }
        if (request.uploadId() == null) {
            throw new IllegalArgumentException("uploadId is required");
        }
        if (request.creationKey() == null || request.creationKey().isBlank() || request.creationKey().length() > 200) {
            throw new IllegalArgumentException("creationKey is required (at most 200 characters): it makes a repeated "
                    + "import answer the project the first one made");
        }
        if (request.title() != null && (request.title().isBlank() || request.title().length() > 200)) {
            throw new IllegalArgumentException("title cannot be blank or over 200 characters");
        }
        long owner = request.ownerId();
        return uploads.withContent(request.uploadId(), owner).emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(stored -> store(request, stored.upload(), ZipImport.read(stored.content(), limits)));
    }

    private Uni<Imported> store(ImportRequest request, Uploads.Upload upload, ZipImport.Imported archive) {
        if (archive.fileCount() == 0) {
            throw new ZipImport.RefusedException("the archive holds no project files" + (archive.refused().isEmpty() ? ""
                    : "; refused: " + archive.refused().stream().limit(5)
                            .map(refusal -> refusal.entry() + " (" + refusal.reason() + ")")
                            .collect(Collectors.joining(", "))));
        }
        Report report = new Report(upload.fileName(), archive.texts().size(), archive.binaries().size(),
                archive.refused(), archive.skipped(), archive.strippedFolder());
        String title = request.title() != null ? request.title().strip() : titleOf(archive, upload.fileName());
        var project = new ProjectService.NewProject(request.ownerId(), title, "Imported from " + upload.fileName(), "",
                List.of(), "", null, request.creationKey());
        return pool.withTransaction(tx -> projects.create(tx, project).chain(created -> {
            if (!created.created()) {
                return tx.preparedQuery("SELECT report FROM upload WHERE id = $1").execute(Tuple.of(upload.id()))
                        .map(rows -> {
                            JsonObject stored = rows.size() == 0 ? null : rows.iterator().next().getJsonObject("report");
                            return new Imported(created.project(), stored == null ? report : read(stored), false);
                        });
            }
            long id = created.project().id();
            return writeFiles(tx, id, archive)
                    .chain(() -> tx.preparedQuery("UPDATE upload SET report = $2 WHERE id = $1")
                            .execute(Tuple.of(upload.id(), toJson(report))))
                    .replaceWith(new Imported(created.project(), report, true));
        }));
    }

    private Uni<Void> writeFiles(SqlConnection tx, long projectId, ZipImport.Imported archive) {
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
    static String titleOf(ZipImport.Imported archive, String fileName) {
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
