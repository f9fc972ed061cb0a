package ai.devbot.gateway.reply.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import ai.devbot.gateway.config.GatewayConfig;

/**
 * Fetches the files {@code DOCUMENT} replies refer to, into a temporary file (streamed, bounded
 * by Telegram's upload limit). Only URLs under project-store's configured base are fetched, with
 * the service credentials: a reply cannot point the gateway at any other host (no SSRF).
 */
@ApplicationScoped
public class ProjectStoreArchives {

    private final URI base;
    private final String authorization;
    private final long maxBytes;
    private final Duration timeout;
    private final HttpClient http;

    public ProjectStoreArchives(GatewayConfig config) {
        var store = config.projectStore();
        this.base = store.url().normalize();
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((store.user() + ":" + store.password()).getBytes(StandardCharsets.UTF_8));
        this.maxBytes = store.maxDocumentBytes();
        this.timeout = store.downloadTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Refuses any URL that is not project-store's, before any connection is made. */
    public URI checked(String reference) {
        URI url;
        try {
            url = URI.create(reference).normalize();
        } catch (IllegalArgumentException e) {
            throw new DocumentRefusedException("the document URL is not a URL");
        }
        String basePath = base.getPath() == null || base.getPath().isEmpty() ? "/" : base.getPath();
        boolean ours = url.isAbsolute() && base.getScheme().equalsIgnoreCase(url.getScheme())
                && base.getHost() != null && base.getHost().equalsIgnoreCase(url.getHost())
                && base.getPort() == url.getPort() && url.getUserInfo() == null
                && url.getPath() != null && url.getPath().startsWith(basePath) && !url.getPath().contains("..");
        if (!ours) {
            throw new DocumentRefusedException("documents are only fetched from project-store (" + base + ")");
        }
        return url;
    }

    /** Blocking; the caller runs it on a worker thread. The caller deletes the returned file. */
    @Timeout(value = 120, unit = java.time.temporal.ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, abortOn = DocumentRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            skipOn = DocumentRefusedException.class)
    public Path download(URI url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Authorization", authorization)
                .GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status >= 400 && status < 500) {
                throw new DocumentRefusedException("project-store answered " + status + " for the document");
            }
            if (status != 200) {
                throw new IOException("project-store answered " + status);
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                throw new DocumentRefusedException(tooLarge());
            }
            Path file = Files.createTempFile("devbot-document-", ".bin");
            try (OutputStream out = Files.newOutputStream(file)) {
                copyBounded(body, out);
                return file;
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }
    }

    private void copyBounded(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            total += read;
            if (total > maxBytes) {
                throw new DocumentRefusedException(tooLarge());
            }
            out.write(buffer, 0, read);
        }
    }

    private String tooLarge() {
        return "the document is larger than Telegram's " + maxBytes / (1024 * 1024) + " MB limit for bots";
    }
}
