package ai.devbot.billing.reservation.rest;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.billing.reservation.service.ReservationExpiry;
import io.smallrye.mutiny.Uni;

@Path("/api/admin/reservations")
@Tag(name = "Reservations (operators)")
@RolesAllowed("operator")
public class AdminReservationResource {

    private final ReservationExpiry expiry;

    public AdminReservationResource(ReservationExpiry expiry) {
        this.expiry = expiry;
    }

    @POST
    @Path("/expire")
    @Operation(summary = "Release every reservation past its expiry now, instead of waiting for the scheduled sweep")
    public Uni<Map<String, Integer>> expire() {
        return expiry.sweepOnce().map(count -> Map.of("released", count));
    }
}
