package ai.devbot.billing.pricing.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.billing.pricing.ModelPrice;
import ai.devbot.billing.pricing.service.PriceService;
import ai.devbot.billing.usage.UsageEvent;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@Path("/api/admin/prices")
@Tag(name = "Model prices (operators)")
@RolesAllowed("operator")
public class AdminPriceResource {

    public record PriceRequest(@NotBlank String provider, @NotBlank String model,
            @NotNull @PositiveOrZero @Max(UsageEvent.MAX_PRICE_PER_MILLION) Long inputPerMillion,
            @NotNull @PositiveOrZero @Max(UsageEvent.MAX_PRICE_PER_MILLION) Long outputPerMillion,
            Instant effectiveFrom) {
    }

    public record PriceView(long id, String provider, String model, long inputPerMillion, long outputPerMillion,
            Instant effectiveFrom) {
        static PriceView of(ModelPrice p) {
            return new PriceView(p.id(), p.provider(), p.model(), p.inputPerMillion(), p.outputPerMillion(),
                    p.effectiveFrom());
        }
    }

    private final PriceService prices;

    public AdminPriceResource(PriceService prices) {
        this.prices = prices;
    }

    @GET
    @WithSession
    @Operation(summary = "Every price (credits per million tokens), newest first per model")
    public Uni<List<PriceView>> list() {
        return prices.all().map(list -> list.stream().map(PriceView::of).toList());
    }

    @POST
    @WithTransaction
    @Operation(summary = "Set a model's price from effectiveFrom (default now); past usage keeps its price")
    public Uni<Response> set(@Valid @NotNull PriceRequest request) {
        return prices.set(request.provider(), request.model(), request.inputPerMillion(), request.outputPerMillion(),
                request.effectiveFrom()).map(saved -> Response.status(201).entity(PriceView.of(saved)).build());
    }
}
