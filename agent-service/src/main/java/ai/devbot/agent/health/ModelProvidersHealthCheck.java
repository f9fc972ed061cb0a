package ai.devbot.agent.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import ai.devbot.agent.model.ModelCatalog;
import ai.devbot.agent.model.PooledChatModel;

/**
 * Each model's provider, circuit and keys (by alias: ready, resting after a 429, disabled after the
 * provider refused the key), and per model UP, DEGRADED (some keys disabled, the others serve: still
 * ready) or DOWN (no key is usable now — the service cannot do that model's work until a disabled key
 * passes its re-check or an operator fixes the keys). No network call: it reads what calls saw. A
 * refused request (moderation, too long) never shows here: it says nothing about the keys.
 */
@Readiness
@ApplicationScoped
public class ModelProvidersHealthCheck implements HealthCheck {

    private final ModelCatalog models;

    public ModelProvidersHealthCheck(ModelCatalog models) {
        this.models = models;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Model providers");
        boolean up = true;
        for (PooledChatModel model : models.all()) {
            boolean usable = model.keys().hasUsableKeys();
            up &= usable;
            long disabled = model.keys().disabledCount();
            response.withData(model.name(), model.providerName() + " " + model.modelId() + ", circuit "
                    + model.circuit().name().toLowerCase() + (usable ? "" : ", NO USABLE KEY"));
            response.withData(model.name() + ".status", !usable ? "DOWN" : disabled > 0
                    ? "DEGRADED (" + disabled + " of " + model.keys().size() + " keys disabled)" : "UP");
            model.keys().states().forEach(key -> response.withData(model.name() + "." + key.alias(), key.state()
                    + (key.disabledBecause() == null ? "" : " (" + key.disabledBecause() + ")")));
        }
        return response.status(up).build();
    }
}
