package ai.devbot.billing.purchase.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.billing.purchase.service.PurchaseService;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@Path("/api/admin/purchases/{chargeId}")
@Tag(name = "Purchases (operators)")
@RolesAllowed("operator")
public class AdminPurchaseResource {

    public record RefundRequest(String reason) {
    }

    private final PurchaseService purchases;

    public AdminPurchaseResource(PurchaseService purchases) {
        this.purchases = purchases;
    }

    @POST
    @Path("/refund")
    @WithTransaction
    @Operation(summary = "Take a purchase's credits back (409 when they were already spent); call Telegram's refundStarPayment after it")
    public Uni<PurchaseResource.PurchaseView> refund(@PathParam("chargeId") String chargeId, RefundRequest request) {
        return purchases.refund(chargeId, request == null ? null : request.reason())
                .map(purchase -> PurchaseResource.PurchaseView.of(purchase, null));
    }
}
