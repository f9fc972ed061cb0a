package ai.devbot.agent.model.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

/**
 * LangChain4j's HTTP client on Apache HttpClient's classic (blocking) API: the thread that calls
 * the model writes the request and reads the answer from the socket itself, from a pool of
 * keep-alive connections. The JDK client hands every answer from its selector thread to an
 * executor thread and from there to the waiting caller — two thread wake-ups per call, each
 * 50–100 µs on our machines when the process was idle (agent-service README, benchmark).
 * No automatic retries or redirects: {@code PooledChatModel} decides what is retried, on which key.
 */
public final class CallerThreadHttpClient implements HttpClient {

    private final CloseableHttpClient client;

    private CallerThreadHttpClient(Builder builder) {
        var connections = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(builder.connectTimeout))
                .setSocketTimeout(Timeout.of(builder.readTimeout))
                // A connection the provider closed while it sat in the pool is replaced, not failed on.
                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                .setTimeToLive(TimeValue.ofMinutes(5))
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connections)
                        .setMaxConnTotal(builder.maxConnections)
                        .setMaxConnPerRoute(builder.maxConnections)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(builder.readTimeout))
                        .setConnectionRequestTimeout(Timeout.of(builder.connectTimeout))
                        .build())
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try {
            return client.execute(toApache(request), response -> {
                String body = body(response);
                if (!successful(response)) {
                    throw new HttpException(response.getCode(), body);
                }
                return SuccessfulHttpResponse.builder().statusCode(response.getCode()).headers(headers(response))
                        .body(body).build();
            });
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        try {
            client.execute(toApache(request), response -> {
                if (!successful(response)) {
                    listener.onError(new HttpException(response.getCode(), body(response)));
                    return null;
                }
                listener.onOpen(SuccessfulHttpResponse.builder().statusCode(response.getCode()).headers(headers(response))
                        .build());
                try (InputStream events = response.getEntity().getContent()) {
                    parser.parse(events, listener);
                }
                listener.onClose();
                return null;
            });
        } catch (IOException | RuntimeException e) {
            listener.onError(e instanceof IOException io ? failure(io) : e);
        }
    }

    private static HttpUriRequestBase toApache(HttpRequest request) {
        var apache = new HttpUriRequestBase(request.method().name(), URI.create(request.url()));
        String contentType = null;
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(header.getKey())) {
                contentType = header.getValue().isEmpty() ? null : header.getValue().get(0);
                continue;
            }
            if (HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(header.getKey())) {
                continue; // the entity knows its length
            }
            for (String value : header.getValue()) {
                apache.addHeader(header.getKey(), value);
            }
        }
        apache.setEntity(entity(request, contentType));
        return apache;
    }

    private static HttpEntity entity(HttpRequest request, String contentType) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            var form = MultipartEntityBuilder.create();
            request.formDataFields().forEach((name, value) -> form.addTextBody(name, value,
                    ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8)));
            request.formDataFiles().forEach((name, file) -> form.addBinaryBody(name, file.content(),
                    file.contentType() == null ? ContentType.APPLICATION_OCTET_STREAM : ContentType.parse(file.contentType()),
                    file.fileName()));
            return form.build();
        }
        if (request.body() == null) {
            return null;
        }
        ContentType type = contentType == null ? ContentType.APPLICATION_JSON : ContentType.parse(contentType);
        if (type.getCharset() == null) {
            type = type.withCharset(StandardCharsets.UTF_8);
        }
        return new StringEntity(request.body(), type);
    }

    private static boolean successful(ClassicHttpResponse response) {
        return response.getCode() >= 200 && response.getCode() < 300;
    }

    private static String body(ClassicHttpResponse response) throws IOException, ParseException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return "";
        }
        ContentType type = ContentType.parseLenient(entity.getContentType());
        return EntityUtils.toString(entity, type == null || type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset());
    }

    private static Map<String, List<String>> headers(ClassicHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        return headers;
    }

    private static RuntimeException failure(IOException e) {
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return new TimeoutException(e);
        }
        return new UncheckedIOException(e);
    }

    /** Timeouts as LangChain4j's model builders set them; {@code maxConnections} per client (one per key). */
    public static final class Builder implements HttpClientBuilder {

        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private int maxConnections = 200;

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

        @Override
        public CallerThreadHttpClient build() {
            return new CallerThreadHttpClient(this);
        }
    }
}
