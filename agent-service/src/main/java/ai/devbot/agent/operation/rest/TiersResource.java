package ai.devbot.agent.operation.rest;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.agent.model.ModelCatalog;
import ai.devbot.agent.model.PooledChatModel;

/** The model tiers users can choose per project, with the models each calls: what /model offers. */
@Path("/api/v1/tiers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "service", "operator" })
@Tag(name = "Agent operations")
public class TiersResource {

    public record ModelRef(String provider, String model) {
        static ModelRef of(PooledChatModel model) {
            return new ModelRef(model.providerName(), model.modelId());
        }
    }

    public record TierView(String name, String label, boolean isDefault, ModelRef architect, ModelRef implementer,
            String editFormat) {
    }

    private final ModelCatalog models;

    TiersResource(ModelCatalog models) {
        this.models = models;
    }

    @GET
    @Operation(summary = "Every tier: its label, whether it is the default, its architect and implementer models "
            + "(provider and model id, as billing prices them) and the implementer's edit format")
    public List<TierView> all() {
        return models.tiers().stream().map(tier -> new TierView(tier.name(), tier.label(),
                tier.name().equals(models.defaultTier()), ModelRef.of(tier.architect()), ModelRef.of(tier.implementer()),
                tier.editFormat().name().toLowerCase(Locale.ROOT).replace('_', '-'))).toList();
    }
}
