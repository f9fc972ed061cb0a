package ai.devbot.gateway.reply;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import ai.devbot.testsupport.PlatformCredentials;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for project-store's archive and upload endpoints: serves a 3 MB pseudo-random "zip" to callers
 * with the service credentials, 401 to anyone else and 404 for unknown projects; takes uploads and remembers
 * them (query and bytes) for the tests to check.
 */
public class ArchiveServerResource implements QuarkusTestResourceLifecycleManager {

    public static final String ARCHIVE_PATH = "/api/v1/projects/17/archive";
    public static final String UPLOADS_PATH = "/api/v1/uploads";

    /** An upload as the stand-in received it. */
    public record ReceivedUpload(String id, String query, byte[] bytes) {
    }

    public static final List<ReceivedUpload> UPLOADS = new CopyOnWriteArrayList<>();
    private HttpServer server;

    public static byte[] archive() {
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(17).nextBytes(bytes);
        return bytes;
    }

    @Override
    public Map<String, String> start() {
        byte[] archive = archive();
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                ("service:" + PlatformCredentials.servicePassword()).getBytes(StandardCharsets.UTF_8));
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext(UPLOADS_PATH, exchange -> {
            boolean allowed = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    && "POST".equals(exchange.getRequestMethod());
            byte[] received = exchange.getRequestBody().readAllBytes();
            String id = UUID.randomUUID().toString();
            if (allowed) {
                UPLOADS.add(new ReceivedUpload(id, exchange.getRequestURI().getRawQuery(), received));
            }
            byte[] body = (allowed ? "{\"id\":\"" + id + "\",\"bytes\":" + received.length + "}" : "{\"error\":\"no\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(allowed ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/api/", exchange -> {
            int status = !expected.equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 401
                    : exchange.getRequestURI().getPath().equals(ARCHIVE_PATH) ? 200 : 404;
            byte[] body = status == 200 ? archive : "{\"error\":\"no\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/zip" : "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        System.setProperty("devbot.test.archive-server", base);
        return Map.of("gateway.project-store.url", base + "/api/");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
