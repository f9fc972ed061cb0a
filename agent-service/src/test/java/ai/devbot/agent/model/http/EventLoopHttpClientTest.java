package ai.devbot.agent.model.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.devbot.agent.model.CallFailure;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/** The model's HTTP client against a real HTTP server on loopback: what arrives, what fails and how. */
class EventLoopHttpClientTest {

    private Vertx vertx;
    private HttpServer server;
    private volatile Consumer<HttpServerRequest> answer;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> answer.accept(request))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theEventsOfAStreamedAnswerArriveInOrderWithTheRequestsHeadersAndBodySent() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        answer = request -> request.body().onSuccess(body -> {
            seen.complete(request.method() + " " + request.uri() + " " + request.getHeader("Authorization") + " "
                    + request.headers().getAll("Content-Length").size() + " " + body);
            request.response().putHeader("Content-Type", "text/event-stream")
                    .end("data: {\"part\":1}\r\n\r\ndata: {\"part\":2}\r\n\r\n");
        });

        Outcome outcome = call(client(Duration.ofSeconds(5)), url("/v1/chat?alt=sse"), "{\"q\":\"hi\"}");

        assertEquals("POST /v1/chat?alt=sse Bearer k-1 1 {\"q\":\"hi\"}", seen.get(5, TimeUnit.SECONDS));
        assertEquals(List.of("{\"part\":1}", "{\"part\":2}"), outcome.events);
        assertEquals(200, outcome.opened.statusCode());
        assertTrue(outcome.closed);
    }

    @Test
    void anErrorStatusFailsTheCallWithTheStatusAndTheBody() throws Exception {
        answer = request -> request.response().setStatusCode(429).end("{\"error\":\"slow down\"}");

        Outcome outcome = call(client(Duration.ofSeconds(5)), url("/v1/chat"), "{}");

        HttpException failure = assertInstanceOf(HttpException.class, outcome.failure);
        assertEquals(429, failure.statusCode());
        assertEquals("{\"error\":\"slow down\"}", failure.getMessage());
        assertTrue(outcome.events.isEmpty());
        assertFalse(outcome.closed);
    }

    @Test
    void anAnswerOverTheLimitFailsTheCallInsteadOfFillingTheHeap() throws Exception {
        answer = request -> request.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
                .end("data: " + "x".repeat(4096) + "\r\n\r\n");

        Outcome outcome = call(EventLoopHttpClient.builder(vertx).maxAnswerBytes(1024).build(), url("/v1/chat"), "{}");

        assertTrue(outcome.failure.getMessage().contains("over 1024 bytes"), outcome.failure.getMessage());
        assertFalse(CallFailure.of(outcome.failure).transientFailure(), "the same answer would come again");
        assertTrue(outcome.events.isEmpty());
    }

    @Test
    void aModelThatSaysNothingForTheReadTimeoutIsGivenUpOn() throws Exception {
        answer = request -> {
            // Headers sent, then silence: the idle timeout, not the whole call's duration, gives up.
            request.response().setChunked(true).write("data: {\"part\":1}\r\n");
        };

        long started = System.nanoTime();
        Outcome outcome = call(client(Duration.ofMillis(300)), url("/v1/chat"), "{}");

        assertTrue(CallFailure.of(outcome.failure).transientFailure(), String.valueOf(outcome.failure));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 5_000);
        assertTrue(outcome.events.isEmpty());
    }

    @Test
    void aConnectionDroppedMidAnswerFailsTheCallAsWorthAnotherTry() throws Exception {
        answer = request -> {
            request.response().setChunked(true).write("data: {\"part\":1}\r\n");
            vertx.setTimer(50, timer -> request.connection().close());
        };

        Outcome outcome = call(client(Duration.ofSeconds(5)), url("/v1/chat"), "{}");

        assertTrue(CallFailure.of(outcome.failure).transientFailure(), String.valueOf(outcome.failure));
        assertTrue(outcome.events.isEmpty());
    }

    @Test
    void nothingListeningFailsTheCallAsWorthAnotherTry() throws Exception {
        int port = server.actualPort();
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        Outcome outcome = call(client(Duration.ofSeconds(5)), "http://127.0.0.1:" + port + "/v1/chat", "{}");

        assertTrue(CallFailure.of(outcome.failure).transientFailure(), String.valueOf(outcome.failure));
    }

    @Test
    void aBlockingCallIsRefused() {
        EventLoopHttpClient client = client(Duration.ofSeconds(1));
        HttpRequest request = HttpRequest.builder().method(HttpMethod.POST).url(url("/v1/chat")).body("{}").build();
        assertThrows(UnsupportedOperationException.class, () -> client.execute(request));
    }

    private EventLoopHttpClient client(Duration readTimeout) {
        return EventLoopHttpClient.builder(vertx).readTimeout(readTimeout).build();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    private Outcome call(EventLoopHttpClient client, String url, String body) throws Exception {
        HttpRequest request = HttpRequest.builder().method(HttpMethod.POST).url(url)
                .addHeader("Authorization", "Bearer k-1").addHeader("Content-Length", "999").body(body).build();
        Outcome outcome = new Outcome();
        client.execute(request, new DefaultServerSentEventParser(), outcome);
        outcome.done.get(10, TimeUnit.SECONDS);
        return outcome;
    }

    private static final class Outcome implements ServerSentEventListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile SuccessfulHttpResponse opened;
        volatile boolean closed;
        volatile Throwable failure;

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
            opened = response;
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            events.add(event.data());
        }

        @Override
        public void onError(Throwable error) {
            failure = error;
            done.complete(null);
        }

        @Override
        public void onClose() {
            closed = true;
            done.complete(null);
        }
    }
}
