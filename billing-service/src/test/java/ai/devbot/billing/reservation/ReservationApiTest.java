package ai.devbot.billing.reservation;

import static ai.devbot.billing.support.BillingApi.assertInvariants;
import static ai.devbot.billing.support.BillingApi.id;
import static ai.devbot.billing.support.BillingApi.newAccount;
import static ai.devbot.billing.support.BillingApi.operator;
import static ai.devbot.billing.support.BillingApi.service;
import static ai.devbot.billing.support.BillingApi.usage;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ReservationApiTest {

    @Inject
    Pool pool;

    @AfterEach
    void moneyInvariantsHold() {
        assertInvariants();
    }

    static Map<String, Object> reserve(String id, long user, String job, long amount) {
        return Map.of("reservationId", id, "userId", user, "jobId", job, "amount", amount);
    }

    @Test
    void aReservationHoldsCreditsAndSettlingChargesTheUsageAndReleasesTheRest() {
        long user = newAccount();
        String job = id("job");
        String reservation = id("res");
        service().body(reserve(reservation, user, job, 20_000)).post("/api/v1/reservations").then().statusCode(201)
                .body("held", equalTo(20_000)).body("status", equalTo("OPEN"));
        service().get("/api/v1/accounts/" + user).then().body("reserved", equalTo(20_000))
                .body("available", equalTo(30_000)).body("balance", equalTo(50_000));

        // qwen3-coder: 22,000 credits/M in, 95,000/M out → 100,000 in + 20,000 out = 2,200 + 1,900.
        service().body(Map.of("usage", usage(id("evt"), user, null, "openrouter", "qwen/qwen3-coder", 100_000, 20_000,
                Instant.now()))).post("/api/v1/reservations/" + reservation + "/settle").then().log().ifValidationFails().statusCode(200)
                .body("consumed", equalTo(4_100)).body("status", equalTo("CLOSED")).body("held", equalTo(0));
        service().get("/api/v1/accounts/" + user).then().body("balance", equalTo(45_900)).body("reserved", equalTo(0));
        // Settling again changes nothing.
        service().body(Map.of()).post("/api/v1/reservations/" + reservation + "/settle").then().statusCode(200);
        service().get("/api/v1/accounts/" + user).then().body("balance", equalTo(45_900)).body("reserved", equalTo(0));
    }

    @Test
    void tooFewCreditsIs402WithTheNumbers() {
        long user = newAccount();
        service().body(reserve(id("res"), user, id("job"), 50_001)).post("/api/v1/reservations").then().statusCode(402)
                .body("code", equalTo("INSUFFICIENT_CREDITS"))
                .body("balance", equalTo(50_000)).body("reserved", equalTo(0)).body("available", equalTo(50_000))
                .body("requested", equalTo(50_001)).body("shortfall", equalTo(1));
    }

    @Test
    void aRepeatedReservationIdReturnsTheOriginalAndDifferentDetailsConflict() {
        long user = newAccount();
        String reservation = id("res");
        String job = id("job");
        service().body(reserve(reservation, user, job, 1_000)).post("/api/v1/reservations").then().statusCode(201);
        service().body(reserve(reservation, user, job, 1_000)).post("/api/v1/reservations").then().statusCode(200);
        service().get("/api/v1/accounts/" + user).then().body("reserved", equalTo(1_000));
        service().body(reserve(reservation, user, job, 2_000)).post("/api/v1/reservations").then().statusCode(409);
    }

    @Test
    void invalidAmountsAre400AndUnknownOnes404() {
        long user = newAccount();
        service().body(reserve(id("res"), user, id("job"), 0)).post("/api/v1/reservations").then().statusCode(400);
        service().body(reserve(id("res"), user, id("job"), -5)).post("/api/v1/reservations").then().statusCode(400);
        service().body(reserve(id("res"), 42L, id("job"), 5)).post("/api/v1/reservations").then().statusCode(404);
        service().body(Map.of()).post("/api/v1/reservations/" + id("nope") + "/settle").then().statusCode(404);
    }

    @Test
    void fiftyConcurrentReservationsNeverOverdraw() throws Exception {
        long user = newAccount();
        List<Integer> statuses = concurrently(50, () -> service().body(reserve(id("res"), user, id("job"), 3_000))
                .post("/api/v1/reservations").then().extract().statusCode());
        // 50,000 available / 3,000 each = 16 fit; the other 34 are refused, none lost to errors.
        assertEquals(16, statuses.stream().filter(status -> status == 201).count());
        assertEquals(34, statuses.stream().filter(status -> status == 402).count());
        service().get("/api/v1/accounts/" + user).then().body("reserved", equalTo(48_000)).body("available", equalTo(2_000));
    }

    @Test
    void aReservationLeftOpenPastItsTtlExpiresAndReleasesItself() {
        long user = newAccount();
        String reservation = id("res");
        service().body(reserve(reservation, user, id("job"), 7_000)).post("/api/v1/reservations").then().statusCode(201);
        pool.preparedQuery("UPDATE billing.reservation SET expires_at = now() - interval '1 minute' WHERE id = $1")
                .execute(Tuple.of(reservation)).await().indefinitely();
        operator().post("/api/admin/reservations/expire").then().statusCode(200);
        service().get("/api/v1/reservations/" + reservation).then().body("status", equalTo("EXPIRED")).body("held", equalTo(0));
        service().get("/api/v1/accounts/" + user).then().body("reserved", equalTo(0)).body("available", equalTo(50_000));
    }

    @Test
    void releasingACancelledJobFreesEverything() {
        long user = newAccount();
        String reservation = id("res");
        service().body(reserve(reservation, user, id("job"), 9_000)).post("/api/v1/reservations").then().statusCode(201);
        service().post("/api/v1/reservations/" + reservation + "/release").then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        service().get("/api/v1/accounts/" + user).then().body("reserved", equalTo(0)).body("balance", equalTo(50_000));
    }

    @Test
    void usageOfAnotherUserIsRefusedAndChangesNothing() {
        long owner = newAccount();
        long other = newAccount();
        String reservation = id("res");
        service().body(reserve(reservation, owner, id("job"), 5_000)).post("/api/v1/reservations").then().statusCode(201);
        service().body(Map.of("usage", usage(id("evt"), other, null, "gemini", "gemini-2.5-flash", 10_000, 1_000,
                Instant.now()))).post("/api/v1/reservations/" + reservation + "/settle").then().statusCode(400)
                .body("error", equalTo("the usage belongs to another user than the reservation"));
        service().get("/api/v1/reservations/" + reservation).then().body("status", equalTo("OPEN")).body("held", equalTo(5_000));
        service().get("/api/v1/accounts/" + other).then().body("balance", equalTo(50_000));
        service().get("/api/v1/accounts/" + owner).then().body("balance", equalTo(50_000)).body("reserved", equalTo(5_000));
    }

    @Test
    void invalidUsageOnASettleIs400AndTheReservationStaysOpen() {
        long user = newAccount();
        String reservation = id("res");
        service().body(reserve(reservation, user, id("job"), 5_000)).post("/api/v1/reservations").then().statusCode(201);
        service().body(Map.of("usage", usage(id("evt"), user, null, "gemini", "", 10, 1, Instant.now())))
                .post("/api/v1/reservations/" + reservation + "/settle").then().statusCode(400)
                .body("error", equalTo("usage: provider and model are required"));
        service().get("/api/v1/reservations/" + reservation).then().body("status", equalTo("OPEN"));
    }

    @Test
    void theSameSettleSentConcurrentlyChargesOnceAndReleasesOnce() throws Exception {
        long user = newAccount();
        String reservation = id("res");
        service().body(reserve(reservation, user, id("job"), 20_000)).post("/api/v1/reservations").then().statusCode(201);
        // gemini-2.5-flash without a user: the reservation supplies it. 10,000 in + 1,000 out = 550.
        Map<String, Object> usage = usage(id("evt"), user, null, "gemini", "gemini-2.5-flash", 10_000, 1_000, Instant.now());
        usage.remove("userId");
        List<Integer> statuses = concurrently(8, () -> service().body(Map.of("usage", usage))
                .post("/api/v1/reservations/" + reservation + "/settle").then().extract().statusCode());
        assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200), statuses);
        service().get("/api/v1/reservations/" + reservation).then().body("status", equalTo("CLOSED"))
                .body("consumed", equalTo(550));
        service().get("/api/v1/accounts/" + user).then().body("balance", equalTo(50_000 - 550)).body("reserved", equalTo(0));
    }

    @Test
    void usageSettledOnAnAlreadyClosedReservationIsStillChargedOnce() {
        long user = newAccount();
        String reservation = id("res");
        service().body(reserve(reservation, user, id("job"), 5_000)).post("/api/v1/reservations").then().statusCode(201);
        service().post("/api/v1/reservations/" + reservation + "/release").then().statusCode(200);
        Map<String, Object> late = usage(id("evt"), user, null, "gemini", "gemini-2.5-flash", 10_000, 1_000, Instant.now());
        for (int i = 0; i < 2; i++) {
            service().body(Map.of("usage", late)).post("/api/v1/reservations/" + reservation + "/settle").then()
                    .statusCode(200).body("status", equalTo("CLOSED")).body("consumed", equalTo(0));
        }
        service().get("/api/v1/accounts/" + user).then().body("balance", equalTo(50_000 - 550)).body("reserved", equalTo(0));
    }

    /** Runs the call {@code times} times at once and returns what each returned. */
    static <T> List<T> concurrently(int times, Supplier<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(times);
        try {
            List<CompletableFuture<T>> calls = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                calls.add(CompletableFuture.supplyAsync(call, threads));
            }
            List<T> results = new ArrayList<>();
            for (CompletableFuture<T> running : calls) {
                results.add(running.get());
            }
            return results;
        } finally {
            threads.shutdown();
        }
    }
}
