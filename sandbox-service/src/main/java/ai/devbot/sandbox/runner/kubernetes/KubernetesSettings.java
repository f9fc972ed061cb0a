package ai.devbot.sandbox.runner.kubernetes;

import java.time.Duration;
import java.util.Optional;

/**
 * The Kubernetes runner's settings: where Jobs go, which image runs them, how the init container reaches this
 * service for the project's archive, and how long a Job may take to start.
 */
public record KubernetesSettings(String namespace, String image, Optional<String> runtimeClassName,
        String archiveBaseUrl, Duration startTimeout, Duration pollInterval, Duration finishedTtl, int tailBytes) {
}
