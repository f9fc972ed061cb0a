package ai.devbot.billing.usage.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.billing.error.BillingException;
import ai.devbot.billing.usage.UsageEvent;
import ai.devbot.billing.usage.service.UsageCharger;
import io.vertx.mutiny.sqlclient.Pool;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/usage")
@Tag(name = "Usage (services)")
@RolesAllowed({ "service", "operator" })
public class UsageResource {

    private final UsageCharger charger;
    private final Pool pool;

    public UsageResource(UsageCharger charger, Pool pool) {
        this.charger = charger;
        this.pool = pool;
    }

    @POST
    @Operation(summary = "Charge a usage event (the same as on Kafka billing-usage); once per eventId")
    public Uni<UsageCharger.Outcome> charge(@NotNull UsageEvent event) {
        String invalid = event.invalidReason();
        if (invalid != null) {
            return Uni.createFrom().failure(BillingException.invalid(invalid));
        }
        return charger.charge(pool, event);
    }
}
