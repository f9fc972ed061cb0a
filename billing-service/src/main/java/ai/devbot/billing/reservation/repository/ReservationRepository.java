package ai.devbot.billing.reservation.repository;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.billing.reservation.Reservation;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ReservationRepository implements PanacheRepositoryBase<Reservation, String> {
}
