package ai.devbot.sandbox.run.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.sandbox.archive.ArchiveRejectedException;
import ai.devbot.sandbox.archive.ProjectArchive;
import ai.devbot.sandbox.config.SandboxConfig;
import ai.devbot.sandbox.error.SandboxException;
import ai.devbot.sandbox.projectstore.ProjectArchives;
import ai.devbot.sandbox.run.Limits;
import ai.devbot.sandbox.run.RunRequest;
import ai.devbot.sandbox.run.RunResult;
import ai.devbot.sandbox.run.repository.RunRepository;
import ai.devbot.sandbox.runner.RunOutcome;
import ai.devbot.sandbox.runner.RunPlan;
import ai.devbot.sandbox.runner.SandboxRunner;
import ai.devbot.sandbox.runner.SandboxUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Runs exactly once per run id: an existing id answers its stored result (or waits for the execution in
 * progress); a new id fetches the project, claims the id, executes and stores the result. Nothing is claimed
 * before the archive is in hand, and a claim is given back when no sandbox was free, so the caller may retry.
 */
@ApplicationScoped
public class RunService {

    private static final Logger LOG = Logger.getLogger(RunService.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STORE_WAIT = Duration.ofSeconds(30);

    /** A finished run, or one still executing elsewhere (for a repeated request). */
    public record Answer(RunResult result, boolean running) {
    }

    private final SandboxConfig config;
    private final SandboxRunner runner;
    private final ProjectArchives archives;
    private final RunRepository repository;
    private final SecretScrubber scrubber;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;
    private final UsagePublisher usage;
    private final AtomicInteger admitted = new AtomicInteger();
    private final ExecutorService executor;

    RunService(SandboxConfig config, SandboxRunner runner, ProjectArchives archives, RunRepository repository,
            SecretScrubber scrubber, ObjectMapper mapper, MeterRegistry metrics, UsagePublisher usage) {
        this.usage = usage;
        this.config = config;
        this.runner = runner;
        this.archives = archives;
        this.repository = repository;
        this.scrubber = scrubber;
        this.mapper = mapper;
        this.metrics = metrics;
        // Blocking work (archive download, the run itself) on threads of its own, never the event loop.
        this.executor = Executors.newFixedThreadPool(config.maxConcurrentRuns() + config.maxQueued(), r -> {
            Thread thread = new Thread(r, "sandbox-run");
            thread.setDaemon(true);
            return thread;
        });
        metrics.gauge("devbot_sandbox_runs_admitted", admitted);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    public Uni<Answer> run(RunRequest request) {
        Limits limits = LimitResolver.resolve(request.limits(), config.defaults(), config.maximum());
        String hash = hash(request);
        return repository.find(request.runId()).chain(existing -> existing.isPresent()
                ? answerExisting(existing.get(), hash)
                : fresh(request, limits, hash));
    }

    /** A run in a list: who, what, how it ended, how long it took. */
    public record Summary(String runId, long ownerId, long projectId, String status, String reason, long sandboxMillis) {
    }

    public Uni<java.util.List<Summary>> recent(Long ownerId, Long projectId, int limit) {
        return repository.recent(ownerId, projectId, limit).map(rows -> rows.stream().map(run -> {
            RunResult result = run.result() == null ? null : read(run.result());
            return new Summary(run.runId(), run.ownerId(), run.projectId(), run.status(),
                    result == null ? null : result.reason(), result == null ? 0 : result.sandboxMillis());
        }).toList());
    }

    public Uni<RunResult> find(String runId, long ownerId) {
        return repository.find(runId).map(stored -> stored
                .filter(run -> run.ownerId() == ownerId)
                .map(run -> run.result() == null ? running(run) : read(run.result()))
                .orElseThrow(() -> new SandboxException(404, "NOT_FOUND", "no run " + runId + " for this owner")));
    }

    private Uni<Answer> answerExisting(RunRepository.StoredRun run, String hash) {
        if (!run.requestHash().equals(hash)) {
            return Uni.createFrom().failure(new SandboxException(409, "RUN_ID_REUSED",
                    "run id " + run.runId() + " was already used for a different request; use a new run id"));
        }
        if (run.result() != null) {
            return Uni.createFrom().item(new Answer(read(run.result()), false));
        }
        return awaitFinished(run.runId(), System.nanoTime() + config.duplicateWait().toNanos());
    }

    private Uni<Answer> awaitFinished(String runId, long deadline) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(POLL).chain(() -> repository.find(runId))
                .chain(stored -> {
                    RunRepository.StoredRun run = stored.orElse(null);
                    if (run == null) {
                        return Uni.createFrom().failure(new SandboxException(503, "SANDBOX_BUSY",
                                "the first request for this run found no free sandbox; ask again", 5));
                    }
                    if (run.result() != null) {
                        return Uni.createFrom().item(new Answer(read(run.result()), false));
                    }
                    if (System.nanoTime() > deadline) {
                        return Uni.createFrom().item(new Answer(running(run), true));
                    }
                    return awaitFinished(runId, deadline);
                });
    }

    private Uni<Answer> fresh(RunRequest request, Limits limits, String hash) {
        if (admitted.incrementAndGet() > config.maxConcurrentRuns() + config.maxQueued()) {
            admitted.decrementAndGet();
            metrics.counter("devbot_sandbox_runs_refused_total", "reason", "queue-full").increment();
            return Uni.createFrom().failure(new SandboxException(503, "SANDBOX_BUSY",
                    "every sandbox is busy and the queue is full; try again shortly", 10));
        }
        return Uni.createFrom().item(() -> archives.archive(request.projectId(), request.ownerId()))
                .runSubscriptionOn(executor)
                .map(archive -> archive.orElseThrow(() -> new SandboxException(404, "PROJECT_NOT_FOUND",
                        "project " + request.projectId() + " does not exist for owner " + request.ownerId())))
                .onFailure(ProjectArchives.StoreUnavailable.class).transform(e -> new SandboxException(503,
                        "PROJECT_STORE_UNAVAILABLE", e.getMessage(), 5))
                .chain(zip -> repository.claim(request.runId(), request.ownerId(), request.projectId(), hash)
                        .chain(claimed -> claimed ? execute(request, limits, zip)
                                : repository.find(request.runId()).chain(stored -> answerExisting(stored.orElseThrow(), hash))))
                .eventually(admitted::decrementAndGet);
    }

    /**
     * Executes and stores the result on the run executor, detached from the request: a caller that goes away (a
     * crashed orchestrator) cancels only its wait, never the run or the storing of its result, so the repeated
     * request finds the result instead of a run that stays RUNNING.
     */
    private Uni<Answer> execute(RunRequest request, Limits limits, byte[] zip) {
        CompletableFuture<Answer> done = CompletableFuture.supplyAsync(() -> {
            RunResult result;
            try {
                result = executeBlocking(request, limits, zip);
            } catch (NoSandbox e) {
                repository.release(request.runId()).await().atMost(STORE_WAIT);
                throw new SandboxException(503, "SANDBOX_UNAVAILABLE", e.getMessage(), 10);
            }
            repository.finish(result.runId(), result.status(), json(result), result.sandboxMillis())
                    .await().atMost(STORE_WAIT);
            return new Answer(result, false);
        }, executor);
        return Uni.createFrom().completionStage(done)
                .onFailure(CompletionException.class).transform(e -> e.getCause() == null ? e : e.getCause());
    }

    /** No command ran: the sandbox could not start. */
    private static final class NoSandbox extends RuntimeException {
        NoSandbox(String message) {
            super(message);
        }
    }

    private RunResult executeBlocking(RunRequest request, Limits limits, byte[] zip) {
        Instant started = Instant.now();
        SortedMap<String, byte[]> files;
        try {
            files = ProjectArchive.unpack(zip, new ProjectArchive.Limits(config.archive().maxUnpackedBytes(),
                    config.archive().maxFiles()));
        } catch (ArchiveRejectedException e) {
            record(RunResult.ERROR, null);
            return RunResults.error(request, limits, "the project cannot be run: " + e.getMessage(), started, Instant.now());
        }
        RunOutcome outcome;
        try {
            outcome = runner.run(new RunPlan(request.runId(), request.ownerId(), files, zip, request.commands(), limits));
        } catch (SandboxUnavailableException e) {
            metrics.counter("devbot_sandbox_runs_refused_total", "reason", "unavailable").increment();
            LOG.warnf("run %s not started: %s", request.runId(), e.getMessage());
            throw new NoSandbox(e.getMessage());
        }
        RunResult result = RunResults.of(request, config.runner(), limits, sha256(zip), outcome, started, Instant.now(),
                scrubber::scrub);
        record(result.status(), result);
        usage.publish(request, result);
        return result;
    }

    private void record(String status, RunResult result) {
        metrics.counter("devbot_sandbox_runs_total", "status", status).increment();
        if (result != null) {
            metrics.counter("devbot_sandbox_seconds_total").increment(result.sandboxMillis() / 1000.0);
            result.commands().stream().filter(c -> c.limit() != null)
                    .forEach(c -> metrics.counter("devbot_sandbox_limits_total", "limit", c.limit()).increment());
        }
    }

    /** Closes runs whose executor died mid-run (a crash): they never had, and now never will have, a result. */
    @Scheduled(every = "60s", delayed = "10s")
    Uni<Void> closeAbandoned() {
        JsonObject verdict = new JsonObject().put("status", RunResult.ERROR)
                .put("reason", "the sandbox service stopped during this run; run the checks again with a new run id")
                .put("commands", new io.vertx.core.json.JsonArray()).put("sandboxMillis", 0);
        return repository.abandon(config.abandonAfter(), verdict).invoke(ids -> {
            if (!ids.isEmpty()) {
                LOG.warnf("closed %d abandoned runs: %s", ids.size(), ids);
            }
        }).replaceWithVoid();
    }

    private RunResult running(RunRepository.StoredRun run) {
        return new RunResult(run.runId(), run.ownerId(), run.projectId(), RunRepository.RUNNING, null, null,
                java.util.List.of(), null, 0, null, null, null, null);
    }

    private JsonObject json(RunResult result) {
        try {
            return new JsonObject(mapper.writeValueAsString(result));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private RunResult read(JsonObject json) {
        try {
            return mapper.readValue(json.encode(), RunResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored run result unreadable", e);
        }
    }

    private String hash(RunRequest request) {
        try {
            RunRequest withoutId = new RunRequest(null, request.ownerId(), request.projectId(), request.jobId(),
                    request.commands(), request.limits());
            return sha256(mapper.writeValueAsString(withoutId).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
