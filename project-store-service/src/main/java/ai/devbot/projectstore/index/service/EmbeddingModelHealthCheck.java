package ai.devbot.projectstore.index.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The in-process embedding model. A model that failed to load (out of memory, say) cannot be
 * loaded again by the same JVM, so this is liveness: DOWN makes Kubernetes restart the pod.
 */
@Liveness
@ApplicationScoped
public class EmbeddingModelHealthCheck implements HealthCheck {

    private final Embedder embedder;

    public EmbeddingModelHealthCheck(Embedder embedder) {
        this.embedder = embedder;
    }

    @Override
    public HealthCheckResponse call() {
        String failure = embedder.failure();
        return HealthCheckResponse.named("Embedding model").status(failure == null)
                .withData("model", "all-MiniLM-L6-v2 (384 dimensions, in process)")
                .withData("state", failure != null ? "failed: " + failure : embedder.loaded() ? "loaded" : "loading")
                .build();
    }
}
