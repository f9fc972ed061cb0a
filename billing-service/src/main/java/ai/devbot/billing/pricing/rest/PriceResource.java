package ai.devbot.billing.pricing.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.billing.pricing.service.PriceService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** A model's current price for services that hold credits before a call (the worst case it may cost). */
@Path("/api/v1/prices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Prices (services)")
@RolesAllowed({ "service", "operator" })
public class PriceResource {

    private final PriceService prices;

    public PriceResource(PriceService prices) {
        this.prices = prices;
    }

    @GET
    @WithSession
    @Operation(summary = "The price in force now (credits per million), or the fallback price, flagged, for an unknown model")
    public Uni<PriceService.CurrentPrice> current(@QueryParam("provider") @NotBlank @Size(max = 100) String provider,
            @QueryParam("model") @NotBlank @Size(max = 200) String model) {
        return prices.current(provider, model);
    }
}
