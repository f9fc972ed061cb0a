package ai.devbot.billing.purchase.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.billing.purchase.Purchase;
import ai.devbot.billing.purchase.service.PurchaseService;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@Path("/api/v1")
@Tag(name = "Purchases (services)")
@RolesAllowed({ "service", "operator" })
public class PurchaseResource {

    public record InvoiceRequest(@NotNull @Positive Long userId, @NotBlank String packId) {
    }

    public record PurchaseRequest(@NotBlank String telegramPaymentChargeId, @NotNull @Positive Long userId,
            @NotBlank String invoicePayload, @NotBlank String currency, @Positive long totalAmount) {
    }

    public record PurchaseView(String telegramPaymentChargeId, long userId, String packId, int stars, long credits,
            String status, Instant createdAt, Instant refundedAt, Boolean duplicate) {
        public static PurchaseView of(Purchase p, Boolean duplicate) {
            return new PurchaseView(p.chargeId(), p.userId(), p.packId(), p.stars(), p.credits(), p.status().name(),
                    p.createdAt(), p.refundedAt(), duplicate);
        }
    }

    private final PurchaseService purchases;

    public PurchaseResource(PurchaseService purchases) {
        this.purchases = purchases;
    }

    @GET
    @Path("/packs")
    @Operation(summary = "Credit packs for sale, cheapest first")
    public List<PurchaseService.Pack> packs() {
        return purchases.packs();
    }

    @POST
    @Path("/invoices")
    @Operation(summary = "An invoice for a pack, with a signed payload the gateway checks at pre-checkout")
    public PurchaseService.Invoice invoice(@Valid @NotNull InvoiceRequest request) {
        return purchases.invoice(request.userId(), request.packId());
    }

    @POST
    @Path("/purchases")
    @WithTransaction
    @Operation(summary = "Record a successful_payment: grants the pack once per telegram_payment_charge_id")
    public Uni<PurchaseView> record(@Valid @NotNull PurchaseRequest request) {
        return purchases.record(request.telegramPaymentChargeId(), request.userId(), request.invoicePayload(),
                request.currency(), request.totalAmount())
                .map(recorded -> PurchaseView.of(recorded.purchase(), recorded.duplicate()));
    }
}
