package ai.devbot.sandbox.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import ai.devbot.testsupport.PlatformCredentials;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * project-store's archive endpoint over real HTTP, as the sandbox calls it: Basic auth as the service user, 404 for
 * a project the owner does not have, the zip layout project-store writes (one root folder). Tests put projects in
 * and can make it fail.
 */
public class FakeProjectStore implements QuarkusTestResourceLifecycleManager {

    private static final Pattern ARCHIVE = Pattern.compile("/api/v1/projects/(\\d+)/archive");
    static final Map<String, byte[]> ARCHIVES = new ConcurrentHashMap<>();
    static final AtomicInteger REQUESTS = new AtomicInteger();
    static volatile int failWith;
    private HttpServer server;

    static void put(long projectId, long ownerId, Map<String, String> files) {
        ARCHIVES.put(projectId + "/" + ownerId, zip("project", files));
    }

    static void putRaw(long projectId, long ownerId, byte[] zip) {
        ARCHIVES.put(projectId + "/" + ownerId, zip);
    }

    static byte[] zip(String root, Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(root + "/" + file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                ("service:" + PlatformCredentials.servicePassword()).getBytes(StandardCharsets.UTF_8));
        server.createContext("/api/v1/projects/", exchange -> {
            try (exchange) {
                REQUESTS.incrementAndGet();
                if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    send(exchange, 401, "{\"error\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8), "application/json");
                    return;
                }
                if (failWith != 0) {
                    send(exchange, failWith, "{\"error\":\"scripted failure\"}".getBytes(StandardCharsets.UTF_8), "application/json");
                    return;
                }
                Matcher path = ARCHIVE.matcher(exchange.getRequestURI().getPath());
                String query = exchange.getRequestURI().getQuery();
                String owner = query != null && query.startsWith("ownerId=") ? query.substring(8) : "";
                byte[] zip = path.matches() ? ARCHIVES.get(path.group(1) + "/" + owner) : null;
                if (zip == null) {
                    send(exchange, 404, "{\"error\":\"no such project\"}".getBytes(StandardCharsets.UTF_8), "application/json");
                } else {
                    send(exchange, 200, zip, "application/zip");
                }
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.project-store.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
