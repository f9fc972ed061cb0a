package ai.devbot.billing.reservation.rest;


import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.billing.reservation.service.ReservationService;
import ai.devbot.billing.usage.UsageEvent;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/reservations")
@Tag(name = "Reservations (services)")
@RolesAllowed({ "service", "operator" })
public class ReservationResource {

    public record ReserveRequest(@NotBlank @Size(max = 200) String reservationId, @NotNull @Positive Long userId,
            @NotBlank @Size(max = 200) String jobId, @Positive long amount) {
    }

    public record SettleRequest(UsageEvent usage) {
    }

    private final ReservationService reservations;

    public ReservationResource(ReservationService reservations) {
        this.reservations = reservations;
    }

    @POST
    @Operation(summary = "Hold credits for a job before a model call: 201, 200 for a repeated id, 402 with the numbers when too few are available")
    public Uni<Response> reserve(@Valid @NotNull ReserveRequest request) {
        return reservations.reserve(request.reservationId(), request.userId(), request.jobId(), request.amount())
                .map(reserved -> Response.status(reserved.duplicate() ? 200 : 201)
                        .entity(reserved.reservation()).build());
    }

    @GET
    @Path("/{id}")
    public Uni<ReservationService.View> get(@PathParam("id") String id) {
        return reservations.get(id);
    }

    @POST
    @Path("/{id}/settle")
    @Operation(summary = "Charge the call's usage (optional) against the reservation and release the rest")
    public Uni<ReservationService.View> settle(@PathParam("id") String id, SettleRequest request) {
        return reservations.settle(id, request == null ? null : request.usage());
    }

    @POST
    @Path("/{id}/release")
    @Operation(summary = "Close the reservation and release what it still holds (a cancelled job)")
    public Uni<ReservationService.View> release(@PathParam("id") String id) {
        return reservations.settle(id, null);
    }
}
