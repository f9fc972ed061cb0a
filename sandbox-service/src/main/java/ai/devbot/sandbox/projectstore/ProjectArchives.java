package ai.devbot.sandbox.projectstore;

import java.io.IOException;
import java.io.InputStream;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import ai.devbot.sandbox.config.SandboxConfig;
import ai.devbot.sandbox.error.SandboxException;

/**
 * A project as project-store exports it (the zip of its current files). Another owner's project, like a missing
 * one, is absent. An archive over the size limit is refused before it is read whole.
 */
@ApplicationScoped
public class ProjectArchives {

    /** project-store could not be reached or failed: worth retrying later. */
    public static class StoreUnavailable extends RuntimeException {
        StoreUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ProjectStoreApi api;
    private final long maxBytes;

    ProjectArchives(@RestClient ProjectStoreApi api, SandboxConfig config) {
        this.api = api;
        this.maxBytes = config.archive().maxBytes();
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = StoreUnavailable.class)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS,
            failOn = StoreUnavailable.class)
    public Optional<byte[]> archive(long projectId, long ownerId) {
        try (Response response = call(projectId, ownerId)) {
            int status = response.getStatus();
            if (status == 404) {
                return Optional.empty();
            }
            if (status >= 500) {
                throw new StoreUnavailable("project-store-service answered " + status, null);
            }
            if (status != 200) {
                throw new SandboxException(502, "PROJECT_STORE", "project-store-service refused the archive: HTTP " + status);
            }
            return Optional.of(readBounded(response.readEntity(InputStream.class)));
        }
    }

    private Response call(long projectId, long ownerId) {
        try {
            return api.archive(projectId, ownerId);
        } catch (ProcessingException e) {
            throw new StoreUnavailable("project-store-service is unreachable: " + e.getMessage(), e);
        } catch (WebApplicationException e) {
            return e.getResponse();
        }
    }

    private byte[] readBounded(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new SandboxException(413, "PROJECT_TOO_LARGE", "the project's archive is larger than "
                        + maxBytes / (1024 * 1024) + " MiB; the sandbox cannot run it");
            }
            return bytes;
        } catch (IOException e) {
            throw new StoreUnavailable("reading the project's archive failed: " + e.getMessage(), e);
        }
    }
}
