package ai.devbot.orchestrator.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A service the orchestrator calls, played on a free loopback port for the test resource's lifetime. */
public abstract class FakeHttpService implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    /** Registers the paths the fake answers. */
    protected abstract void serve(HttpServer server);

    /** The orchestrator's configuration that points its clients at {@code url}. */
    protected abstract Map<String, String> pointAt(String url);

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        serve(server);
        server.start();
        return pointAt("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    protected static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
