package ai.devbot.billing.reservation.rest;

import java.time.Instant;

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

import ai.devbot.billing.error.BillingException;
import ai.devbot.billing.reservation.Reservation;
import ai.devbot.billing.reservation.service.ReservationService;
import ai.devbot.billing.usage.UsageEvent;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
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

    public record ReservationView(String reservationId, long userId, String jobId, long amount, long consumed,
            long held, String status, Instant expiresAt) {
        static ReservationView of(Reservation r) {
            return new ReservationView(r.id(), r.userId(), r.jobId(), r.amount(), r.consumed(), r.held(),
                    r.status().name(), r.expiresAt());
        }
    }

    private final ReservationService reservations;

    public ReservationResource(ReservationService reservations) {
        this.reservations = reservations;
    }

    @POST
    @WithTransaction
    @Operation(summary = "Hold credits for a job before a model call: 201, 200 for a repeated id, 402 with the numbers when too few are available")
    public Uni<Response> reserve(@Valid @NotNull ReserveRequest request) {
        return reservations.reserve(request.reservationId(), request.userId(), request.jobId(), request.amount())
                .map(reserved -> Response.status(reserved.duplicate() ? 200 : 201)
                        .entity(ReservationView.of(reserved.reservation())).build());
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<ReservationView> get(@PathParam("id") String id) {
        return reservations.get(id).map(ReservationView::of);
    }

    @POST
    @Path("/{id}/settle")
    @WithTransaction
    @Operation(summary = "Charge the call's usage (optional) against the reservation and release the rest")
    public Uni<ReservationView> settle(@PathParam("id") String id, SettleRequest request) {
        UsageEvent usage = request == null ? null : request.usage();
        if (usage != null && usage.invalidReason() != null && !"userId is missing".equals(usage.invalidReason())) {
            return Uni.createFrom().failure(BillingException.invalid("usage: " + usage.invalidReason()));
        }
        return reservations.settle(id, usage).map(ReservationView::of);
    }

    @POST
    @Path("/{id}/release")
    @WithTransaction
    @Operation(summary = "Close the reservation and release what it still holds (a cancelled job)")
    public Uni<ReservationView> release(@PathParam("id") String id) {
        return reservations.settle(id, null).map(ReservationView::of);
    }
}
