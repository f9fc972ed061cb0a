package ai.devbot.billing.reservation.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Releases reservations nobody settled (a crashed job): each in its own transaction. */
@ApplicationScoped
public class ReservationExpiry {

    private static final Logger LOG = Logger.getLogger(ReservationExpiry.class);
    private static final int BATCH = 200;

    private final ReservationService reservations;

    public ReservationExpiry(ReservationService reservations) {
        this.reservations = reservations;
    }

    @Scheduled(every = "${billing.reservations.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "5s")
    Uni<Void> sweep() {
        return sweepOnce().invoke(count -> {
            if (count > 0) {
                LOG.infof("released %d expired reservation(s)", count);
            }
        }).replaceWithVoid();
    }

    /** Expires what is stale now; returns how many were released. */
    public Uni<Integer> sweepOnce() {
        return reservations.staleIds(BATCH)
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(reservations::expire)
                .collect().asList()
                .map(results -> (int) results.stream().filter(Boolean::booleanValue).count());
    }
}
