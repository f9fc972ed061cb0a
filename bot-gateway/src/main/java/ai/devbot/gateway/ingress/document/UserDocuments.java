package ai.devbot.gateway.ingress.document;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;


import ai.devbot.gateway.config.GatewayConfig;
import ai.devbot.gateway.ingress.BotCommand;
import ai.devbot.gateway.telegram.TelegramApiException;
import ai.devbot.gateway.telegram.TelegramBotApi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * A file a user sent, brought in: only the gateway holds the bot token, so it fetches the file ({@code getFile},
 * then the file URL, its bytes counted against the limit whatever the message declared) and stores it as a
 * project-store upload. What the user did wrong (not a zip, too large) becomes the document's refusal, for the
 * orchestrator to answer; what went wrong on our side (Telegram or project-store not answering) fails, so the
 * update is delivered again.
 */
@ApplicationScoped
public class UserDocuments {

    private static final Logger LOG = Logger.getLogger(UserDocuments.class);

    private final TelegramBotApi telegram;
    private final WebClient store;
    private final String uploadsPath;
    private final String authorization;
    private final long maxBytes;
    private final Duration timeout;

    public UserDocuments(TelegramBotApi telegram, Vertx vertx, GatewayConfig config) {
        this.telegram = telegram;
        var storeUrl = config.projectStore().url();
        boolean tls = "https".equalsIgnoreCase(storeUrl.getScheme());
        this.store = WebClient.create(vertx, new WebClientOptions().setDefaultHost(storeUrl.getHost())
                .setDefaultPort(storeUrl.getPort() > 0 ? storeUrl.getPort() : tls ? 443 : 80).setSsl(tls));
        this.uploadsPath = storeUrl.resolve("v1/uploads").getRawPath();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((config.projectStore().user() + ":"
                + config.projectStore().password()).getBytes(StandardCharsets.UTF_8));
        this.maxBytes = Math.min(config.documents().maxBytes(), 20L * 1024 * 1024);
        this.timeout = config.documents().timeout();
    }

    /** The document with its upload, or with the reason it was not taken. */
    public Uni<BotCommand.Document> bringIn(BotCommand command, String fileId) {
        BotCommand.Document declared = command.document();
        if (!isZip(declared)) {
            return Uni.createFrom().item(declared.refused("only .zip archives are imported"));
        }
        if (declared.declaredBytes() != null && declared.declaredBytes() > maxBytes) {
            return Uni.createFrom().item(declared.refused(tooLarge()));
        }
        return telegram.call("getFile", telegram.params().put("file_id", fileId))
                .map(file -> file.path("file_path").asText(null))
                .chain(path -> telegram.downloadFile(path, maxBytes, timeout))
                .chain(bytes -> upload(command, bytes))
                .onFailure(TelegramBotApi.FileTooLargeException.class).recoverWithItem(() -> declared.refused(tooLarge()))
                .onFailure(TelegramApiException.class).recoverWithUni(failure -> refusedByTelegram(declared,
                        (TelegramApiException) failure));
    }

    private Uni<BotCommand.Document> upload(BotCommand command, byte[] bytes) {
        BotCommand.Document declared = command.document();
        return store.post(uploadsPath).timeout(timeout.toMillis())
                .addQueryParam("ownerId", Long.toString(command.userId()))
                .addQueryParam("uploadKey", command.commandId())
                .addQueryParam("fileName", declared.fileName() == null ? "project.zip" : declared.fileName())
                .putHeader("Authorization", authorization)
                .putHeader("Content-Type", "application/zip")
                .sendBuffer(Buffer.buffer(bytes))
                .map(response -> {
                    int status = response.statusCode();
                    if (status == 200 || status == 201) {
                        JsonObject upload = response.bodyAsJsonObject();
                        return declared.uploaded(upload.getString("id"), bytes.length);
                    }
                    if (status == 413) {
                        return declared.refused(tooLarge());
                    }
                    throw new IllegalStateException("project-store answered " + status + " for the upload");
                });
    }

    /** Telegram refuses files over its bot limit ("file is too big"); anything else is ours to retry. */
    private Uni<BotCommand.Document> refusedByTelegram(BotCommand.Document declared, TelegramApiException failure) {
        if (failure.errorCode() == 400 && failure.description() != null
                && failure.description().toLowerCase(Locale.ROOT).contains("too big")) {
            return Uni.createFrom().item(declared.refused(tooLarge()));
        }
        if (failure.errorCode() == 400) {
            LOG.warnf("Telegram refused a file: %s", failure.description());
            return Uni.createFrom().item(declared.refused("Telegram would not hand the file over; send it again"));
        }
        return Uni.createFrom().failure(failure);
    }

    private static boolean isZip(BotCommand.Document document) {
        String name = document.fileName() == null ? "" : document.fileName().toLowerCase(Locale.ROOT);
        String type = document.mimeType() == null ? "" : document.mimeType().toLowerCase(Locale.ROOT);
        return name.endsWith(".zip") || type.equals("application/zip") || type.equals("application/x-zip-compressed");
    }

    private String tooLarge() {
        long megabytes = Math.max(1, maxBytes / (1024 * 1024));
        return "the file is over " + megabytes + " MB, the most I take"
                + (megabytes == 20 ? " (Telegram's limit for bots)" : "");
    }

    @PreDestroy
    void close() {
        store.close();
    }
}
