package ai.devbot.orchestrator.support;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * project-store-service as the orchestrator calls it: every owner from {@link #newOwner} has project #41
 * "Word Counter" with two tasks (one done), {@code main.py} (backticks in it), {@code README.md} and an imported
 * binary {@code logo.png}; any
 * other owner or project is 404, as project-store answers. {@link #down} makes every call a 503, and billing's
 * account endpoint answers a fixed balance so /start and /status work.
 */
public class FakeProjectStore extends FakeHttpService {

    private static final long OWNERS_FROM = 4_000_000_000L;
    private static final long OWNERS_TO = 5_000_000_000L;
    public static final long PROJECT = 41;
    public static final String MAIN_PY = "def count(text):\n    return len(text.split())  # ``` is not the end\n";
    public static volatile boolean down;

    /** An owner of project #41 (a fresh one per test: sessions and command limits are per user). */
    public static long newOwner() {
        return OWNERS_FROM + (long) (Math.random() * (OWNERS_TO - OWNERS_FROM));
    }

    /** Someone who owns nothing here. */
    public static long stranger() {
        return OWNERS_TO + (long) (Math.random() * 1e9);
    }

    private static boolean owns(String ownerId) {
        try {
            long owner = Long.parseLong(ownerId);
            return owner >= OWNERS_FROM && owner < OWNERS_TO;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static final Pattern PROJECT_PATH = Pattern.compile("/api/v1/projects/(\\d+)(/.*)?");

    @Override
    protected void serve(HttpServer server) {
        server.createContext("/api/v1/projects", this::projects);
        server.createContext("/api/v1/accounts/", exchange -> answer(exchange, down ? 503 : 200, "application/json",
                "{\"userId\":1,\"balance\":150000,\"reserved\":0,\"available\":150000}"));
    }

    @Override
    protected Map<String, String> pointAt(String url) {
        return Map.of("quarkus.rest-client.project-store.url", url, "quarkus.rest-client.billing.url", url);
    }

    private void projects(HttpExchange exchange) throws IOException {
        if (down) {
            answer(exchange, 503, "application/json", "{\"error\":\"project-store is restarting\"}");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        boolean owner = owns(query.get("ownerId"));
        String ownerId = query.get("ownerId");
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/api/v1/projects")) {
            answer(exchange, 200, "application/json", owner ? "[" + project(ownerId) + "]" : "[]");
            return;
        }
        Matcher matcher = PROJECT_PATH.matcher(path);
        if (!owner || !matcher.matches() || Long.parseLong(matcher.group(1)) != PROJECT) {
            answer(exchange, 404, "application/json", "{\"error\":\"no such project\"}");
            return;
        }
        String rest = matcher.group(2) == null ? "" : matcher.group(2);
        switch (rest) {
            case "" -> answer(exchange, 200, "application/json", project(ownerId));
            case "/tasks" -> answer(exchange, 200, "application/json", """
                    [{"number":1,"title":"Count words","description":"d","acceptanceCriteria":[],"status":"done","attempts":1},
                     {"number":2,"title":"Read files","description":"d","acceptanceCriteria":[],"status":"todo","attempts":0}]""");
            case "/files" -> answer(exchange, 200, "application/json", """
                    [{"path":"README.md","bytes":13,"version":1},{"path":"logo.png","bytes":12,"version":1,"binary":true},
                     {"path":"main.py","bytes":%d,"version":2}]"""
                    .formatted(MAIN_PY.length()));
            case "/files/content" -> {
                String file = query.get("path");
                if ("main.py".equals(file)) {
                    answer(exchange, 200, "text/plain", MAIN_PY);
                } else if ("README.md".equals(file)) {
                    answer(exchange, 200, "text/plain", "# Word Counter");
                } else {
                    answer(exchange, 404, "application/json", "{\"error\":\"no such file\"}");
                }
            }
            default -> answer(exchange, 404, "application/json", "{\"error\":\"not served by the fake\"}");
        }
    }

    private static String project(String ownerId) {
        return """
                {"id":%d,"ownerId":%d,"title":"Word Counter","idea":"Count words","summary":"Counts words.",
                "techStack":["Python 3.11"],"architecture":"One module: `main.py`.","status":"in_progress"}"""
                .formatted(PROJECT, Long.parseLong(ownerId));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new java.util.HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

}
