package ai.devbot.gateway.telegram;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.devbot.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
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

    private final WebClient client;
    private final ObjectMapper json;
    private final String basePath;
    private final Duration callTimeout;

    public TelegramBotApi(Vertx vertx, ObjectMapper json, GatewayConfig config) {
        var api = config.telegram().apiUrl();
        boolean tls = "https".equalsIgnoreCase(api.getScheme());
        int port = api.getPort() > 0 ? api.getPort() : tls ? 443 : 80;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setDefaultHost(api.getHost()).setDefaultPort(port).setSsl(tls)
                .setKeepAlive(true).setMaxPoolSize(64).setUserAgent("devbot-gateway"));
        String prefix = api.getRawPath() == null ? "" : api.getRawPath().replaceAll("/+$", "");
        this.basePath = prefix + "/bot" + config.telegram().botToken() + "/";
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
                .onFailure().transform(e -> TelegramApiException.unreachable(method, e))
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
                .onFailure().transform(e -> TelegramApiException.unreachable("sendDocument", e))
                .map(response -> result("sendDocument", response));
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
        throw new TelegramApiException(method, code, description,
                retryAfter.isNumber() ? Duration.ofSeconds(retryAfter.asLong()) : null);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
