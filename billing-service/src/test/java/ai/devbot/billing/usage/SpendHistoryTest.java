package ai.devbot.billing.usage;

import static ai.devbot.billing.support.BillingApi.assertInvariants;
import static ai.devbot.billing.support.BillingApi.id;
import static ai.devbot.billing.support.BillingApi.newAccount;
import static ai.devbot.billing.support.BillingApi.operator;
import static ai.devbot.billing.support.BillingApi.service;
import static ai.devbot.billing.support.BillingApi.usage;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What tasks have really cost, from the charges: per task across its attempts within a job (what quotes start
 * from), and one user's spend per project. Each test's calls use a model of its own, priced at 250,000 credits per
 * million output tokens (400 tokens are exactly 100 credits), so the tasks of other tests never count.
 */
@QuarkusTest
class SpendHistoryTest {

    @AfterEach
    void moneyInvariantsHold() {
        assertInvariants();
    }

    private String model;

    @BeforeEach
    void aModelOfThisTest() {
        model = id("spend-model");
        operator().body(Map.of("provider", "openrouter", "model", model, "inputPerMillion", 0, "outputPerMillion",
                250_000, "effectiveFrom", Instant.now().minus(1, ChronoUnit.DAYS).toString()))
                .post("/api/admin/prices").then().statusCode(201);
    }

    @Test
    void aTasksSpendIsEveryCallOfItsAttemptsInItsJobAndOnlyTasksCount() {
        long user = newAccount();
        Instant later = Instant.now();
        String job = id("job");
        for (int task = 1; task <= 10; task++) {
            charge(user, job, task, "implement", 100 * task, later.plusSeconds(task));
        }
        charge(user, job, 10, "implement", 100, later.plusSeconds(11)); // task 10's second attempt
        charge(user, job, 10, "review", 100, later.plusSeconds(12));
        charge(user, job, null, "plan", 5_000, later.plusSeconds(13)); // no task: not a task's spend

        service().queryParam("model", model).get("/api/v1/usage/task-spend").then().statusCode(200)
                .body("tasks", equalTo(10)).body("p10", equalTo(100)).body("p50", equalTo(500))
                .body("p90", equalTo(900)).body("max", equalTo(1_200))
                .body("implementCallsPerTask", equalTo(1.1f));
    }

    @Test
    void aCallChargedFirstWithoutItsTaskGetsTheTaskFromTheRepeatThatNamesItAndIsChargedOnce() {
        long user = newAccount();
        String job = id("job");
        Map<String, Object> event = usage(id("evt"), user, job, "openrouter", model, 0, 4_000, Instant.now());
        event.put("operation", "implement");
        service().body(event).post("/api/v1/usage").then().statusCode(200).body("duplicate", equalTo(false));
        event.put("taskNumber", 3);
        service().body(event).post("/api/v1/usage").then().statusCode(200).body("duplicate", equalTo(true))
                .body("cost", equalTo(1_000));
        event.put("taskNumber", 4);
        service().body(event).post("/api/v1/usage").then().statusCode(200).body("duplicate", equalTo(true));

        service().queryParam("model", model).get("/api/v1/usage/task-spend").then().statusCode(200)
                .body("tasks", equalTo(1)).body("max", equalTo(1_000));
        org.junit.jupiter.api.Assertions.assertEquals(50_000 - 1_000,
                ai.devbot.billing.support.BillingApi.balance(user), "charged once");
    }

    @Test
    void aUsersSpendPerProjectIsLargestFirstAndOnlyTheirs() {
        long user = newAccount();
        long other = newAccount();
        Instant now = Instant.now();
        charge(user, id("job"), 1, "implement", 300, now, 41L);
        charge(user, id("job"), null, "plan", 100, now, 42L);
        charge(user, id("job"), 1, "implement", 500, now, 42L);
        charge(other, id("job"), 1, "implement", 900, now, 43L);

        service().queryParam("userId", user).get("/api/v1/usage/by-project").then().statusCode(200)
                .body("$", hasSize(2)).body("[0].projectId", equalTo(42)).body("[0].credits", equalTo(600))
                .body("[0].calls", equalTo(2)).body("[1].projectId", equalTo(41)).body("[1].credits", equalTo(300));
    }

    @Test
    void outOfRangeTaskNumbersAndQueriesAreRefused() {
        long user = newAccount();
        Map<String, Object> event = usage(id("evt"), user, null, "gemini", "gemini-2.5-flash", 0, 400, Instant.now());
        event.put("taskNumber", 0);
        service().body(event).post("/api/v1/usage").then().statusCode(400);
        service().queryParam("tasks", 0).get("/api/v1/usage/task-spend").then().statusCode(400);
        service().queryParam("days", 1000).get("/api/v1/usage/task-spend").then().statusCode(400);
        service().get("/api/v1/usage/by-project").then().statusCode(400);
    }

    private void charge(long user, String job, Integer task, String operation, long credits, Instant at) {
        charge(user, job, task, operation, credits, at, 17L);
    }

    private void charge(long user, String job, Integer task, String operation, long credits, Instant at,
            long project) {
        Map<String, Object> event = usage(id("evt"), user, job, "openrouter", model, 0, credits * 4, at);
        event.put("operation", operation);
        event.put("projectId", project);
        if (task != null) {
            event.put("taskNumber", task);
        }
        service().body(event).post("/api/v1/usage").then().statusCode(200).body("cost", equalTo((int) credits));
    }
}
