package ai.devbot.billing.usage.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.billing.error.BillingException;
import ai.devbot.billing.usage.UsageEvent;
import ai.devbot.billing.usage.service.SpendHistory;
import ai.devbot.billing.usage.service.UsageCharger;
import io.vertx.mutiny.sqlclient.Pool;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/usage")
@Tag(name = "Usage (services)")
@RolesAllowed({ "service", "operator" })
public class UsageResource {

    private final UsageCharger charger;
    private final Pool pool;
    private final SpendHistory history;

    public UsageResource(UsageCharger charger, Pool pool, SpendHistory history) {
        this.charger = charger;
        this.pool = pool;
        this.history = history;
    }

    @GET
    @Path("/task-spend")
    @Operation(summary = "What tasks have really cost (all users, the newest tasks within the days): quantiles of the "
            + "credits one task's attempts spent in one job, and implement calls per task — what quotes start from; "
            + "model: only tasks implemented with that model")
    public Uni<SpendHistory.TaskSpend> taskSpend(@QueryParam("days") @DefaultValue("30") @Min(1) @Max(365) int days,
            @QueryParam("tasks") @DefaultValue("500") @Min(1) @Max(5000) int tasks,
            @QueryParam("model") @Size(max = 200) String implementerModel) {
        return history.perTask(days, tasks, implementerModel == null || implementerModel.isBlank() ? null
                : implementerModel);
    }

    @GET
    @Path("/by-project")
    @Operation(summary = "One user's spend per project, largest first")
    public Uni<List<SpendHistory.ProjectSpend>> byProject(@QueryParam("userId") @NotNull @Positive Long userId,
            @QueryParam("size") @DefaultValue("5") @Min(1) @Max(50) int size) {
        return history.perProject(userId, size);
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
