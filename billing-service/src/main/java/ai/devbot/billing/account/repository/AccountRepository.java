package ai.devbot.billing.account.repository;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.billing.account.Account;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, Long> {
}
