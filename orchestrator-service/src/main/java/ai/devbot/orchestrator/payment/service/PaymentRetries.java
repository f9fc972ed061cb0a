package ai.devbot.orchestrator.payment.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/** Gives every pending payment its next attempt when due. */
@ApplicationScoped
public class PaymentRetries {

    private final PaymentCrediting crediting;

    PaymentRetries(PaymentCrediting crediting) {
        this.crediting = crediting;
    }

    @Scheduled(every = "${orchestrator.payments.check-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        crediting.retryDue();
    }
}
