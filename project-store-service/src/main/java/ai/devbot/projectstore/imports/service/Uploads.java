package ai.devbot.projectstore.imports.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.projectstore.config.ProjectStoreConfig;
import ai.devbot.projectstore.imports.UploadTooLargeException;
import ai.devbot.projectstore.project.NotFoundException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Archives a user sent, waiting to be imported: stored as they came (bounded in size), once per upload key,
 * readable only by their owner, and deleted a day later whether imported or not.
 */
@ApplicationScoped
public class Uploads {

    public record Upload(UUID id, long ownerId, String fileName, long bytes, String sha256, Instant createdAt) {
    }

    private final Pool pool;
    private final ProjectStoreConfig.Imports config;

    public Uploads(Pool pool, ProjectStoreConfig config) {
        this.pool = pool;
        this.config = config.imports();
    }

    /** Stores the upload, or answers the one already stored under the same key (a re-sent upload). */
    public Uni<Upload> store(long ownerId, String uploadKey, String fileName, byte[] content) {
        if (uploadKey == null || uploadKey.isBlank() || uploadKey.length() > 200) {
            throw new IllegalArgumentException("uploadKey is required (at most 200 characters): it makes a re-sent "
                    + "upload harmless");
        }
        String name = fileName(fileName);
        if (content == null || content.length == 0) {
            throw new IllegalArgumentException("the upload is empty");
        }
        if (content.length > config.maxUploadBytes()) {
            throw new UploadTooLargeException("the upload is " + content.length + " bytes; at most "
                    + config.maxUploadBytes() + " are taken");
        }
        return pool.preparedQuery("DELETE FROM upload WHERE created_at < $1")
                .execute(Tuple.of(OffsetDateTime.now().minus(config.keepUploadsFor())))
                .chain(() -> pool.preparedQuery("INSERT INTO upload (id, owner_id, upload_key, file_name, content, sha256) "
                        + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (owner_id, upload_key) DO NOTHING")
                        .execute(Tuple.tuple(List.of(UUID.randomUUID(), ownerId, uploadKey, name,
                                Buffer.buffer(content), sha256(content)))))
                .chain(() -> pool.preparedQuery("SELECT id, owner_id, file_name, octet_length(content) AS bytes, sha256, "
                        + "created_at FROM upload WHERE owner_id = $1 AND upload_key = $2")
                        .execute(Tuple.of(ownerId, uploadKey)))
                .map(rows -> upload(rows.iterator().next()));
    }

    /** An upload with its bytes. */
    public record Stored(Upload upload, byte[] content) {
    }

    /** The upload and its bytes in one read; 404 when it is unknown, expired or not the owner's. */
    public Uni<Stored> withContent(UUID id, long ownerId) {
        return pool.preparedQuery("SELECT id, owner_id, file_name, octet_length(content) AS bytes, sha256, created_at, "
                + "content FROM upload WHERE id = $1 AND owner_id = $2").execute(Tuple.of(id, ownerId)).map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("no upload " + id + " (uploads are kept for "
                                + config.keepUploadsFor().toHours() + " hours)");
                    }
                    Row row = rows.iterator().next();
                    return new Stored(upload(row), row.getBuffer("content").getBytes());
                });
    }

    /** The name without any folder part, as shown to the user; never a path anything is written to. */
    static String fileName(String raw) {
        String name = raw == null ? "" : raw.strip();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1).codePoints().filter(c -> !Character.isISOControl(c)
                && Character.getType(c) != Character.FORMAT)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (name.isBlank()) {
            throw new IllegalArgumentException("fileName is required");
        }
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    private static Upload upload(Row row) {
        return new Upload(row.getUUID("id"), row.getLong("owner_id"), row.getString("file_name"), row.getLong("bytes"),
                row.getString("sha256"), row.getOffsetDateTime("created_at").toInstant());
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
