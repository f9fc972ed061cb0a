package ai.devbot.orchestrator.payment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import ai.devbot.orchestrator.support.FakeHttpService;

/**
 * billing-service's purchase and account endpoints as the orchestrator calls them, answering what a
 * test sets: down (connection refused, the server is stopped), 503, a refusal, or the grant. It records
 * every purchase body, so a test can count how often billing was asked.
 */
public class FakeBilling extends FakeHttpService {

    /** What {@code POST /api/v1/purchases} answers next. */
    public enum Mode {
        UNAVAILABLE, REFUSING, GRANTING
    }

    static volatile Mode mode = Mode.UNAVAILABLE;
    static final List<String> purchases = new CopyOnWriteArrayList<>();

    @Override
    protected void serve(HttpServer server) {
        server.createContext("/api/v1/purchases", this::purchase);
        server.createContext("/api/v1/accounts/", exchange -> answer(exchange, 200,
                "{\"userId\":1,\"balance\":150000,\"reserved\":0,\"available\":150000}"));
    }

    @Override
    protected Map<String, String> pointAt(String url) {
        return Map.of("quarkus.rest-client.billing.url", url);
    }

    private void purchase(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        purchases.add(body);
        switch (mode) {
            case UNAVAILABLE -> answer(exchange, 503, "{\"error\":\"billing is restarting\"}");
            case REFUSING -> answer(exchange, 409, "{\"error\":\"the invoice payload does not match\"}");
            case GRANTING -> answer(exchange, purchases.stream().filter(body::equals).count() > 1 ? 200 : 201,
                    "{\"packId\":\"pack-50\",\"credits\":50000,\"duplicate\":false}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        answer(exchange, status, "application/json", json);
    }
}
