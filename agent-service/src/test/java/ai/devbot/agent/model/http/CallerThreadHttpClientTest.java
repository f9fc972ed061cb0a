package ai.devbot.agent.model.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventListener;

/** The client against a real HTTP server on loopback (the JDK's), one behaviour per test. */
class CallerThreadHttpClientTest {

    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/echo", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("X-Title") + " " + body);
            respond(exchange, 200, "application/json; charset=utf-8", "{\"echo\":\"" + body.length() + " chars, \u00e9t\u00e9\"}");
        });
        server.createContext("/limited", exchange -> {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 429, "application/json", "{\"error\":\"slow down\"}");
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "application/json", "{}");
        });
        server.createContext("/events", exchange -> respond(exchange, 200, "text/event-stream",
                "data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\n"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsTheBodyAndHeadersAndReturnsTheAnswer() {
        SuccessfulHttpResponse response = client(Duration.ofSeconds(5)).execute(post("/echo", "{\"q\":\"h\u00e9llo\"}"));
        assertEquals(200, response.statusCode());
        assertEquals("{\"echo\":\"13 chars, \u00e9t\u00e9\"}", response.body());
        assertTrue(response.headers().get("Content-type").get(0).startsWith("application/json"), response.headers().toString());
        assertEquals(List.of("POST application/json; charset=UTF-8 AI Dev Bot {\"q\":\"h\u00e9llo\"}"), received);
    }

    @Test
    void sendsFormFieldsAndFilesAsMultipart() {
        var request = HttpRequest.builder().method(HttpMethod.POST).url("http://127.0.0.1:" + server.getAddress().getPort() + "/echo")
                .addFormDataField("model", "whisper").addFormDataFile("file", "a.wav", null, new byte[] { 'R', 'I', 'F', 'F' })
                .build();
        client(Duration.ofSeconds(5)).execute(request);
        String sent = received.get(0);
        assertTrue(sent.startsWith("POST multipart/form-data;") && sent.contains("boundary="), sent);
        assertTrue(sent.contains("name=\"model\"") && sent.contains("whisper"), sent);
        assertTrue(sent.contains("filename=\"a.wav\"") && sent.contains("application/octet-stream") && sent.contains("RIFF"), sent);
    }

    @Test
    void keepsConnectionsAliveBetweenCalls() {
        var client = client(Duration.ofSeconds(5));
        for (int i = 0; i < 5; i++) {
            client.execute(post("/echo", "{}"));
        }
        assertEquals(1, clientPorts.size(), "one pooled connection for five calls one after another: " + clientPorts);
    }

    @Test
    void aRefusalCarriesTheProvidersStatusAndBody() {
        var failure = assertThrows(HttpException.class, () -> client(Duration.ofSeconds(5)).execute(post("/limited", "{}")));
        assertEquals(429, failure.statusCode());
        assertEquals("{\"error\":\"slow down\"}", failure.getMessage());
    }

    @Test
    void anAnswerLaterThanTheReadTimeoutIsATimeout() {
        var failure = assertThrows(RuntimeException.class, () -> client(Duration.ofMillis(300)).execute(post("/slow", "{}")));
        assertInstanceOf(TimeoutException.class, failure);
    }

    @Test
    void noServerListeningIsAnIoFailure() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var request = HttpRequest.builder().method(HttpMethod.POST).url("http://127.0.0.1:" + closedPort + "/x").body("{}").build();
        var failure = assertThrows(UncheckedIOException.class, () -> client(Duration.ofSeconds(5)).execute(request));
        assertInstanceOf(IOException.class, failure.getCause());
    }

    @Test
    void streamsServerSentEventsToTheListener() {
        List<String> events = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        var closed = new boolean[1];
        client(Duration.ofSeconds(5)).execute(post("/events", "{}"), new DefaultServerSentEventParser(),
                new ServerSentEventListener() {
                    @Override
                    public void onEvent(ServerSentEvent event) {
                        events.add(event.data());
                    }

                    @Override
                    public void onError(Throwable error) {
                        errors.add(error);
                    }

                    @Override
                    public void onClose() {
                        closed[0] = true;
                    }
                });
        assertEquals(List.of(), errors);
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}", "[DONE]"), events);
        assertTrue(closed[0]);
    }

    private static CallerThreadHttpClient client(Duration readTimeout) {
        return CallerThreadHttpClient.builder().connectTimeout(Duration.ofSeconds(2)).readTimeout(readTimeout).build();
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.builder().method(HttpMethod.POST).url("http://127.0.0.1:" + server.getAddress().getPort() + path)
                .headers(Map.of("Content-Type", List.of("application/json"), "X-Title", List.of("AI Dev Bot"))).body(body)
                .build();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
