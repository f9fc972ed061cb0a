package ai.devbot.gateway.telegram;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.devbot.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.multipart.MultipartForm;

/**
 * The Bot API over HTTP: {@code POST <api>/bot<token>/<method>} with JSON (or multipart for
 * uploads), answering Telegram's {@code result} or failing with {@link TelegramApiException}.
 * A plain Vert.x client rather than a typed REST client: every method has the same envelope, and
 * the callers (per-chat lanes, the long poller) need Telegram's {@code retry_after} rather than a
 * generic retry policy. Request paths carry the token, so neither paths nor URLs are ever logged.
 */
@ApplicationScoped
public class TelegramBotApi {

    private static final String REDACTED = "<bot-token>";
    private static final Pattern TOKEN_SHAPE = Pattern.compile("\\d{5,}:[A-Za-z0-9_-]{30,}");

    private final WebClient client;
    private final ObjectMapper json;
    private final String basePath;
    private final Duration callTimeout;
    private final String token;
    private final String filePath;
    /** Files stream through a plain client, so their bytes are counted as they arrive. */
    private final HttpClient files;

    public TelegramBotApi(Vertx vertx, ObjectMapper json, GatewayConfig config) {
        var api = config.telegram().apiUrl();
        boolean tls = "https".equalsIgnoreCase(api.getScheme());
        int port = api.getPort() > 0 ? api.getPort() : tls ? 443 : 80;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setDefaultHost(api.getHost()).setDefaultPort(port).setSsl(tls)
                .setKeepAlive(true).setMaxPoolSize(64).setUserAgent("devbot-gateway"));
        String prefix = api.getRawPath() == null ? "" : api.getRawPath().replaceAll("/+$", "");
        this.token = config.telegram().botToken();
        this.basePath = prefix + "/bot" + token + "/";
        this.filePath = prefix + "/file/bot" + token + "/";
        this.files = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(api.getHost()).setDefaultPort(port)
                .setSsl(tls).setKeepAlive(false));
        this.json = json;
        this.callTimeout = config.telegram().callTimeout();
    }

    public ObjectNode params() {
        return json.createObjectNode();
    }

    public Uni<JsonNode> call(String method, ObjectNode params) {
        return call(method, params, callTimeout);
    }

    public Uni<JsonNode> call(String method, ObjectNode params, Duration timeout) {
        return client.post(basePath + method)
                .timeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(params.toString()))
                .onFailure().transform(e -> TelegramApiException.unreachable(method, redacted(e)))
                .map(response -> result(method, response));
    }

    /** Uploads a file from disk as {@code sendDocument}'s {@code document} part, streamed. */
    public Uni<JsonNode> sendDocument(ObjectNode params, Path file, String fileName, String contentType,
            Duration timeout) {
        MultipartForm form = MultipartForm.create();
        params.fields().forEachRemaining(field -> form.attribute(field.getKey(),
                field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
        form.binaryFileUpload("document", fileName, file.toString(), contentType);
        return client.post(basePath + "sendDocument")
                .timeout(timeout.toMillis())
                .sendMultipartForm(form)
                .onFailure().transform(e -> TelegramApiException.unreachable("sendDocument", redacted(e)))
                .map(response -> result("sendDocument", response));
    }

    /** A file's bytes did not fit the limit: counted as they came, whatever was declared. */
    public static final class FileTooLargeException extends RuntimeException {
        public FileTooLargeException(long limit) {
            super("the file is over " + limit + " bytes", null, false, false);
        }
    }

    /**
     * Downloads a file by the {@code file_path} getFile answered, counting its bytes as they come: past
     * {@code maxBytes} the download stops with {@link FileTooLargeException}.
     */
    public Uni<byte[]> downloadFile(String path, long maxBytes, Duration timeout) {
        if (path == null || path.isBlank() || path.contains("..") || path.startsWith("/")) {
            return Uni.createFrom().failure(new TelegramApiException("getFile", 0, "getFile answered no usable file_path",
                    null));
        }
        return files.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(filePath + path)
                        .setIdleTimeout(timeout.toMillis()))
                .chain(request -> request.send())
                .chain(response -> bounded(response, maxBytes))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("the file download took over " + timeout))
                .onFailure(failure -> causedBy(failure, FileTooLargeException.class))
                .transform(failure -> new FileTooLargeException(maxBytes))
                .onFailure(failure -> !(failure instanceof FileTooLargeException
                        || failure instanceof TelegramApiException))
                .transform(e -> TelegramApiException.unreachable("file download", redacted(e)));
    }

    /** Whether the failure, a cause of it or one suppressed by it is of {@code type} (streams wrap what they carry). */
    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (type.isInstance(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Uni<byte[]> bounded(HttpClientResponse response, long maxBytes) {
        if (response.statusCode() != 200) {
            TelegramApiException refused = new TelegramApiException("file download", response.statusCode(),
                    "HTTP " + response.statusCode() + " for the file", null);
            return response.end().chain(() -> Uni.createFrom().<byte[]>failure(refused));
        }
        return response.toMulti().collect().in(io.vertx.core.buffer.Buffer::buffer, (all, chunk) -> {
            if (all.length() + chunk.length() > maxBytes) {
                // Failing cancels the stream; the connection (not kept alive) closes with it.
                throw new FileTooLargeException(maxBytes);
            }
            all.appendBuffer(chunk.getDelegate());
        }).map(io.vertx.core.buffer.Buffer::getBytes);
    }

    private JsonNode result(String method, HttpResponse<Buffer> response) {
        JsonNode body;
        try {
            body = json.readTree(response.bodyAsString() == null ? "" : response.bodyAsString());
        } catch (Exception e) {
            body = null;
        }
        if (body != null && body.path("ok").asBoolean(false)) {
            return body.path("result");
        }
        if (body == null || !body.has("ok")) {
            int status = response.statusCode();
            throw new TelegramApiException(method, status >= 400 ? status : 0,
                    "HTTP " + status + " without a Bot API answer", null);
        }
        int code = body.path("error_code").asInt(response.statusCode());
        String description = body.path("description").asText("no description");
        JsonNode retryAfter = body.path("parameters").path("retry_after");
        throw new TelegramApiException(method, code, redact(description),
                retryAfter.isNumber() ? Duration.ofSeconds(retryAfter.asLong()) : null);
    }

    /**
     * What went wrong, without the token: Vert.x names the request ({@code POST /bot<token>/getUpdates})
     * in timeout and connection messages, and those end up in logs, dead-letter headers and operator
     * answers. This is the one place Bot API failures are built, so it is the one place to redact.
     */
    private String redacted(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return redact(message);
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String withoutToken = token.isEmpty() ? text : text.replace(token, REDACTED)
                .replace(URLEncoder.encode(token, StandardCharsets.UTF_8), REDACTED);
        // Any other bot token shape too (a token rotated while a request was in flight).
        return TOKEN_SHAPE.matcher(withoutToken).replaceAll(REDACTED);
    }

    @PreDestroy
    void close() {
        client.close();
        files.closeAndForget();
    }
}
