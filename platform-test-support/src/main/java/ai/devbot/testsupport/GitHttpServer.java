package ai.devbot.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real git server on loopback for tests: the operating system's {@code git http-backend} (git's own
 * smart-HTTP server, a CGI program) behind a small CGI bridge on the JDK's HTTP server. Serves every bare
 * repository under {@code root} at {@code http://<host>:<port>/<name>.git}. It can also answer every request
 * with a redirect elsewhere, or only after a delay, to test what a client does with those.
 */
public final class GitHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final Path root;
    private volatile String redirectTo;
    private volatile Duration delay = Duration.ZERO;

    private GitHttpServer(HttpServer server, Path root) {
        this.server = server;
        this.root = root;
    }

    /** Serves the bare repositories under {@code root} on {@code host} (e.g. 127.0.0.1) and a free port. */
    public static GitHttpServer serve(Path root, String host) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, 0), 16);
        GitHttpServer git = new GitHttpServer(server, root);
        server.createContext("/", git::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return git;
    }

    /** {@code http://host:port} */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** From now on every request is answered with a 301 to the same path under {@code baseUrl}. */
    public GitHttpServer redirectingTo(String baseUrl) {
        this.redirectTo = baseUrl;
        return this;
    }

    /** From now on every request waits this long before it is answered. */
    public GitHttpServer answeringAfter(Duration delay) {
        this.delay = delay;
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            String query = exchange.getRequestURI().getRawQuery();
            if (redirectTo != null) {
                exchange.getResponseHeaders().add("Location",
                        redirectTo + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
                exchange.sendResponseHeaders(301, -1);
                return;
            }
            cgi(exchange, query);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void cgi(HttpExchange exchange, String query) throws IOException, InterruptedException {
        ProcessBuilder backend = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = backend.environment();
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("REMOTE_ADDR", exchange.getRemoteAddress().getAddress().getHostAddress());
        env.put("SERVER_PROTOCOL", "HTTP/1.1");
        putHeader(env, exchange, "Content-Type", "CONTENT_TYPE");
        putHeader(env, exchange, "Content-Length", "CONTENT_LENGTH");
        putHeader(env, exchange, "Content-Encoding", "HTTP_CONTENT_ENCODING");
        putHeader(env, exchange, "Git-Protocol", "GIT_PROTOCOL");
        backend.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = backend.start();
        try (OutputStream toBackend = process.getOutputStream(); InputStream body = exchange.getRequestBody()) {
            body.transferTo(toBackend);
        }
        InputStream fromBackend = process.getInputStream();
        int status = 200;
        for (String line = headerLine(fromBackend); !line.isEmpty(); line = headerLine(fromBackend)) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.toLowerCase(Locale.ROOT).equals("status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            fromBackend.transferTo(out);
        }
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private static void putHeader(Map<String, String> env, HttpExchange exchange, String header, String variable) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(variable, value);
        }
    }

    /** One CGI header line without its line end; empty at the blank line that ends the headers. */
    private static String headerLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
