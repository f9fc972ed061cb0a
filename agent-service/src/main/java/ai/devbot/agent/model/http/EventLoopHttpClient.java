package ai.devbot.agent.model.http;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * LangChain4j's HTTP client on Vert.x's event loop: a model call is a request on a pooled keep-alive
 * connection and a callback when the answer is complete — no thread waits for it, so a thousand calls in
 * flight cost a thousand connections, not a thousand threads (docs/adr/0012-no-thread-per-wait.md). Only the
 * streaming (server-sent events) calls are supported, which is what the streaming chat models make: the events
 * are parsed once the whole answer is in (the agent needs the answer, not its tokens as they come), then
 * handed to the model's listener on the event loop. No automatic retries or redirects: {@code PooledChatModel}
 * decides what is retried, on which key.
 */
public final class EventLoopHttpClient implements HttpClient {

    private final io.vertx.core.http.HttpClient client;
    private final Vertx vertx;
    private final Duration readTimeout;
    private final int maxAnswerBytes;

    private EventLoopHttpClient(Builder builder) {
        this.vertx = builder.vertx;
        this.readTimeout = builder.readTimeout;
        this.maxAnswerBytes = builder.maxAnswerBytes;
        this.client = builder.vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) builder.connectTimeout.toMillis())
                .setMaxPoolSize(builder.maxConnections)
                // Callers beyond the pool wait for a connection, in order, without a thread.
                .setMaxWaitQueueSize(-1)
                .setKeepAlive(true)
                .setKeepAliveTimeout(60)
                .setDecompressionSupported(true)
                .setForceSni(true));
    }

    public static Builder builder(Vertx vertx) {
        return new Builder(vertx);
    }

    /** Not used by the streaming models this client is built for; a blocking call has no place on an event loop. */
    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        throw new UnsupportedOperationException("EventLoopHttpClient serves streaming calls only");
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(request.method().name()))
                .setAbsoluteURI(request.url())
                // A model that says nothing for this long is given up on (it may answer after minutes of thought).
                .setIdleTimeout(readTimeout.toMillis())
                .setFollowRedirects(false);
        request.headers().forEach((name, values) -> {
            if (!"Content-Length".equalsIgnoreCase(name)) {
                values.forEach(value -> options.addHeader(name, value));
            }
        });
        client.request(options)
                .compose(outgoing -> request.body() == null ? outgoing.send() : outgoing.send(Buffer.buffer(request.body())))
                .compose(response -> boundedBody(response).map(body -> new Answer(response, body)))
                .onComplete(done -> {
                    if (done.failed()) {
                        listener.onError(done.cause());
                        return;
                    }
                    deliver(done.result(), parser, listener);
                });
    }

    /**
     * The whole answer, refused past {@code maxAnswerBytes} so a broken or hostile endpoint cannot fill the heap,
     * and given up on when the model sends nothing for the read timeout (Vert.x's request idle timeout stops
     * counting once the response's headers are in).
     */
    private Future<Buffer> boundedBody(HttpClientResponse response) {
        return new BodyReader(response).whole.future();
    }

    private final class BodyReader {
        private final HttpClientResponse response;
        private final Promise<Buffer> whole = Promise.promise();
        private final Buffer body = Buffer.buffer();
        private long silence;

        BodyReader(HttpClientResponse response) {
            this.response = response;
            this.silence = watchForSilence();
            response.handler(this::chunk);
            response.exceptionHandler(this::fail);
            response.endHandler(end -> {
                vertx.cancelTimer(silence);
                whole.tryComplete(body);
            });
        }

        private void chunk(Buffer chunk) {
            vertx.cancelTimer(silence);
            if (body.length() + chunk.length() > maxAnswerBytes) {
                abandon(new IllegalStateException("the model's answer is over " + maxAnswerBytes + " bytes"));
                return;
            }
            body.appendBuffer(chunk);
            silence = watchForSilence();
        }

        private long watchForSilence() {
            return vertx.setTimer(readTimeout.toMillis(), timer -> abandon(
                    new TimeoutException("the model sent nothing for " + readTimeout.toMillis() + " ms")));
        }

        private void abandon(Throwable reason) {
            if (whole.tryFail(reason)) {
                response.request().reset();
            }
        }

        private void fail(Throwable error) {
            vertx.cancelTimer(silence);
            whole.tryFail(error);
        }
    }

    private record Answer(HttpClientResponse response, Buffer body) {
    }

    private static void deliver(Answer answer, ServerSentEventParser parser, ServerSentEventListener listener) {
        int status = answer.response().statusCode();
        if (status < 200 || status >= 300) {
            listener.onError(new HttpException(status, answer.body().toString()));
            return;
        }
        try {
            listener.onOpen(SuccessfulHttpResponse.builder().statusCode(status).headers(headers(answer.response())).build());
            parser.parse(new ByteArrayInputStream(answer.body().getBytes()), listener);
            listener.onClose();
        } catch (RuntimeException e) {
            listener.onError(e);
        }
    }

    private static Map<String, List<String>> headers(HttpClientResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().forEach(header -> headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>())
                .add(header.getValue()));
        return headers;
    }

    /**
     * Timeouts as LangChain4j's model builders set them; {@code maxConnections} per client (one per key);
     * {@code maxAnswerBytes} far above any real answer (a 64k-token answer is well under 1 MB).
     */
    public static final class Builder implements HttpClientBuilder {

        private final Vertx vertx;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private int maxConnections = 1000;
        private int maxAnswerBytes = 16 * 1024 * 1024;

        private Builder(Vertx vertx) {
            this.vertx = vertx;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            if (timeout != null) {
                this.connectTimeout = timeout;
            }
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            if (timeout != null) {
                this.readTimeout = timeout;
            }
            return this;
        }

        public Builder maxConnections(int connections) {
            this.maxConnections = connections;
            return this;
        }

        public Builder maxAnswerBytes(int bytes) {
            this.maxAnswerBytes = bytes;
            return this;
        }

        @Override
        public EventLoopHttpClient build() {
            return new EventLoopHttpClient(this);
        }
    }
}
