package ai.devbot.billing.purchase.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import ai.devbot.billing.account.service.AccountService;
import ai.devbot.billing.config.BillingConfig;
import ai.devbot.billing.error.BillingException;
import ai.devbot.billing.ledger.LedgerEntry.Kind;
import ai.devbot.billing.ledger.service.LedgerService;
import ai.devbot.billing.purchase.Purchase;
import ai.devbot.billing.purchase.repository.PurchaseRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Credit packs for Telegram Stars: signed invoices, purchases granted once, refunds that never overdraw. */
@ApplicationScoped
public class PurchaseService {

    public static final String CURRENCY = "XTR";

    public record Pack(String id, int stars, long credits, String title, String description) {
    }

    public record Invoice(String packId, String title, String description, String payload, String currency,
            int amount, long credits) {
    }

    public record Recorded(Purchase purchase, boolean duplicate) {
    }

    private final BillingConfig config;
    private final InvoiceSigner signer;
    private final PurchaseRepository purchases;
    private final AccountService accounts;
    private final LedgerService ledger;

    public PurchaseService(BillingConfig config, InvoiceSigner signer, PurchaseRepository purchases,
            AccountService accounts, LedgerService ledger) {
        this.config = config;
        this.signer = signer;
        this.purchases = purchases;
        this.accounts = accounts;
        this.ledger = ledger;
    }

    public List<Pack> packs() {
        Map<String, Pack> sorted = new TreeMap<>();
        config.packs().forEach((id, p) -> sorted.put(id, new Pack(id, p.stars(), p.credits(), p.title(), p.description())));
        return sorted.values().stream().sorted((a, b) -> Integer.compare(a.stars(), b.stars())).toList();
    }

    public Invoice invoice(long userId, String packId) {
        Pack pack = pack(packId);
        return new Invoice(pack.id(), pack.title(), pack.description(),
                signer.sign(pack.id(), pack.stars(), userId, Instant.now()), CURRENCY, pack.stars(), pack.credits());
    }

    /**
     * Grants a paid pack once per Telegram charge id. The payload must be ours, for this user, and
     * the amount and currency what it says. Call in a transaction.
     */
    public Uni<Recorded> record(String chargeId, long userId, String payload, String currency, long totalAmount) {
        if (chargeId == null || chargeId.isBlank() || chargeId.length() > 200) {
            return Uni.createFrom().failure(BillingException.invalid("telegramPaymentChargeId is required"));
        }
        InvoiceSigner.Payload invoice = signer.verify(payload);
        if (invoice.userId() != userId) {
            return Uni.createFrom().failure(BillingException.invalid("the invoice was issued to another user"));
        }
        if (!CURRENCY.equals(currency) || totalAmount != invoice.stars()) {
            return Uni.createFrom().failure(BillingException.invalid("paid " + totalAmount + " " + currency
                    + " but the invoice asks " + invoice.stars() + " " + CURRENCY));
        }
        Pack pack = pack(invoice.packId());
        return accounts.insertIfAbsent(userId)
                .chain(() -> accounts.lock(userId))
                .chain(account -> purchases.findById(chargeId).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(new Recorded(existing, true));
                    }
                    return ledger.post(account, Kind.PURCHASE, pack.credits(), "purchase:" + chargeId, chargeId,
                            pack.title() + " for " + invoice.stars() + " Stars")
                            .chain(() -> purchases.persist(new Purchase(chargeId, userId, pack.id(), invoice.stars(),
                                    pack.credits(), Instant.now())))
                            .map(saved -> new Recorded(saved, false));
                }));
    }

    /**
     * Takes a purchase's credits back. Refused when the user already spent them (the balance would
     * go below zero); a second refund changes nothing. Call in a transaction.
     */
    public Uni<Purchase> refund(String chargeId, String reason) {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select p.userId from Purchase p where p.chargeId = :id", Long.class)
                .setParameter("id", chargeId).getSingleResultOrNull())
                .onItem().ifNull().failWith(() -> BillingException.notFound("purchase " + chargeId))
                .chain(userId -> accounts.lock(userId).chain(account -> purchases
                        .findById(chargeId, LockModeType.PESSIMISTIC_WRITE).chain(purchase -> {
                            if (purchase.status() == Purchase.Status.REFUNDED) {
                                return Uni.createFrom().item(purchase);
                            }
                            if (account.available() < purchase.credits()) {
                                return Uni.createFrom().failure(BillingException.conflict("the credits of this purchase "
                                        + "were already spent or are reserved: " + account.available()
                                        + " available is below the " + purchase.credits()
                                        + " credits to take back; refund refused"));
                            }
                            return ledger.post(account, Kind.REFUND, -purchase.credits(), "refund:" + chargeId, chargeId,
                                    reason == null || reason.isBlank() ? "refund" : reason)
                                    .map(posted -> {
                                        purchase.refunded(Instant.now());
                                        return purchase;
                                    });
                        })));
    }

    private Pack pack(String packId) {
        BillingConfig.Pack pack = packId == null ? null : config.packs().get(packId);
        if (pack == null) {
            throw BillingException.notFound("pack '" + packId + "' (packs: " + String.join(", ", config.packs().keySet()) + ")");
        }
        return new Pack(packId, pack.stars(), pack.credits(), pack.title(), pack.description());
    }
}
