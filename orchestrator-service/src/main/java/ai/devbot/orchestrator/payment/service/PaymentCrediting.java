package ai.devbot.orchestrator.payment.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import ai.devbot.orchestrator.client.ServiceUnavailableException;
import ai.devbot.orchestrator.client.billing.Billing;
import ai.devbot.orchestrator.client.billing.BillingRecords;
import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.payment.model.PendingPayment;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns a confirmed Stars payment into credits, whatever billing is doing. The payment is stored
 * (Redis, {@link PendingPayments}) before billing is asked, so the command can be acknowledged
 * either way: when billing answers the user gets the credits at once, when it does not the user is
 * told the payment arrived and will be credited, and {@link #retryDue} keeps trying with backoff —
 * for hours if need be — and tells the user when it is done. Billing credits a charge id once, so
 * redeliveries, retries and operator replays never credit twice. Reply ids derive from the command,
 * so each message reaches the user once.
 */
@ApplicationScoped
public class PaymentCrediting {

    private static final Logger LOG = Logger.getLogger(PaymentCrediting.class);

    /** What one attempt came to. */
    public enum Outcome {
        CREDITED, PENDING, REFUSED
    }

    private final PendingPayments pending;
    private final Billing billing;
    private final Replies replies;
    private final OrchestratorConfig.Payments config;
    private final MeterRegistry metrics;
    private final Clock clock;

    @Inject
    PaymentCrediting(PendingPayments pending, Billing billing, Replies replies, OrchestratorConfig config,
            MeterRegistry metrics) {
        this(pending, billing, replies, config.payments(), metrics, Clock.systemUTC());
    }

    PaymentCrediting(PendingPayments pending, Billing billing, Replies replies, OrchestratorConfig.Payments config,
            MeterRegistry metrics, Clock clock) {
        this.pending = pending;
        this.billing = billing;
        this.replies = replies;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        metrics.gauge("devbot.payments.pending", pending, PendingPayments::pendingCount);
    }

    /** A {@code successful_payment} from the gateway. Throws only when the payment could not even be stored. */
    public void received(Command command) {
        Command.Payment paid = command.payment();
        PendingPayment payment = pending.remember(PendingPayment.received(paid.telegramPaymentChargeId(),
                command.commandId(), command.chatId(), command.threadId(), command.userId(), paid.invoicePayload(), paid.currency(),
                paid.totalAmount() == null ? 0 : paid.totalAmount(), clock.instant()));
        if (attempt(payment) == Outcome.PENDING) {
            say(payment, "pending", "⭐ Your payment of " + payment.totalAmount() + " Stars arrived. Adding the credits "
                    + "is taking longer than usual — they will be on your balance shortly, and I will tell you here "
                    + "when they are. Nothing is lost: the payment is recorded under "
                    + Markdown.code(payment.chargeId()) + ".");
        }
    }

    /** Retries every payment whose next attempt is due (all replicas run this; a claim keeps it to one). */
    public int retryDue() {
        int tried = 0;
        for (String chargeId : pending.due(clock.instant(), config.batch())) {
            if (!pending.claim(chargeId, config.claimLease())) {
                continue;
            }
            try {
                Optional<PendingPayment> payment = pending.get(chargeId);
                if (payment.isPresent() && payment.get().state() == PendingPayment.State.PENDING) {
                    attempt(payment.get());
                    tried++;
                }
            } finally {
                pending.release(chargeId);
            }
        }
        return tried;
    }

    /** An operator's replay: one attempt now, for a pending or a refused payment. */
    public Optional<Outcome> replay(String chargeId) {
        return pending.get(chargeId).map(this::attempt);
    }

    private Outcome attempt(PendingPayment payment) {
        BillingRecords.Purchase purchase = new BillingRecords.Purchase(payment.chargeId(), payment.userId(),
                payment.invoicePayload(), payment.currency(), payment.totalAmount());
        Billing.PaymentOutcome outcome;
        try {
            outcome = billing.purchase(purchase);
        } catch (ServiceUnavailableException | FaultToleranceException e) {
            Instant next = clock.instant().plus(backoff(payment.attempts()));
            pending.save(payment.failed(e.getMessage(), next));
            LOG.warnf("payment %s of user %d is pending (attempt %d, next at %s): %s", payment.chargeId(),
                    payment.userId(), payment.attempts() + 1, next, e.getMessage());
            count("pending");
            return Outcome.PENDING;
        }
        if (outcome.purchase() == null) {
            pending.save(payment.refused(outcome.refusal()));
            LOG.errorf("payment %s of user %d was refused by billing: %s", payment.chargeId(), payment.userId(),
                    outcome.refusal());
            say(payment, "refused", "Your payment arrived but could not be credited (" + Markdown.text(outcome.refusal())
                    + "). Please contact support with this charge id: " + Markdown.code(payment.chargeId()) + ".");
            count("refused");
            return Outcome.REFUSED;
        }
        long balance = balance(payment.userId());
        boolean late = payment.attempts() > 0 || payment.state() == PendingPayment.State.REFUSED;
        String added = Markdown.credits(outcome.purchase().credits());
        String text = Boolean.TRUE.equals(outcome.purchase().duplicate()) && !late
                ? "⭐ This payment is already on your balance (**" + added + "**)."
                : (late ? "⭐ Your payment of " + payment.totalAmount() + " Stars is credited: **" : "⭐ Thank you! **")
                        + added + "** added.";
        say(payment, late ? "credited" : "paid", text + (balance < 0 ? "" : " Balance: " + Markdown.credits(balance) + "."));
        pending.credited(payment.chargeId());
        count("credited");
        return Outcome.CREDITED;
    }

    /** The balance to show after a grant, or -1 when billing cannot say right now (the credits are in). */
    private long balance(long userId) {
        try {
            return billing.account(userId).map(BillingRecords.Account::balance).orElse(-1L);
        } catch (ServiceUnavailableException | FaultToleranceException e) {
            return -1;
        }
    }

    /** Doubles from the first retry up to the longest wait, then stays there: never gives up. */
    Duration backoff(int attemptsSoFar) {
        Duration wait = config.firstRetry();
        for (int i = 0; i < attemptsSoFar && wait.compareTo(config.longestWait()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.longestWait()) > 0 ? config.longestWait() : wait;
    }

    private void say(PendingPayment payment, String what, String text) {
        replies.send(payment.threadId(), Reply.message(payment.commandId() + "/" + what, payment.commandId(), payment.chatId(), text, null));
    }

    private void count(String outcome) {
        metrics.counter("devbot.payments", "outcome", outcome).increment();
    }
}
