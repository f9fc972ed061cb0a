package ai.devbot.orchestrator.payment.rest;

import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.payment.model.PendingPayment;
import ai.devbot.orchestrator.payment.service.PaymentCrediting;
import ai.devbot.orchestrator.payment.service.PendingPayments;
import io.smallrye.common.annotation.Blocking;

/** Operators' view of payments not credited yet, and their replay (role operator). */
@Path("/api/admin/payments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pending payments (operators)")
@Blocking
public class AdminPaymentResource {

    public record Replayed(String chargeId, PaymentCrediting.Outcome outcome) {
    }

    private final PendingPayments pending;
    private final PaymentCrediting crediting;

    AdminPaymentResource(PendingPayments pending, PaymentCrediting crediting) {
        this.pending = pending;
        this.crediting = crediting;
    }

    @GET
    @Operation(summary = "Payments Telegram confirmed that are not credited yet: pending (retried) or refused by billing")
    public List<PendingPayment> all() {
        return pending.all();
    }

    @GET
    @Path("/{chargeId}")
    @Operation(summary = "One payment not credited yet")
    public PendingPayment one(@PathParam("chargeId") String chargeId) {
        return pending.get(chargeId).orElseThrow(() -> new NotFoundException("no uncredited payment " + chargeId));
    }

    @POST
    @Path("/{chargeId}/replay")
    @Operation(summary = "Try to credit a pending or refused payment now (billing credits a charge id once)")
    public Replayed replay(@PathParam("chargeId") String chargeId) {
        return new Replayed(chargeId, crediting.replay(chargeId)
                .orElseThrow(() -> new NotFoundException("no uncredited payment " + chargeId)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take in a PAYMENT command from bot-commands-dlq (one that could not even be stored) and credit it")
    public Replayed fromDeadLetter(Command command) {
        String invalid = command == null ? "no command" : command.kind() != Command.Kind.PAYMENT
                ? "only PAYMENT commands are replayed here" : command.invalidReason();
        if (invalid != null) {
            throw new BadRequestException(invalid);
        }
        crediting.received(command);
        String chargeId = command.payment().telegramPaymentChargeId();
        return new Replayed(chargeId, pending.get(chargeId).map(payment -> payment.state() == PendingPayment.State.REFUSED
                ? PaymentCrediting.Outcome.REFUSED : PaymentCrediting.Outcome.PENDING)
                .orElse(PaymentCrediting.Outcome.CREDITED));
    }
}
