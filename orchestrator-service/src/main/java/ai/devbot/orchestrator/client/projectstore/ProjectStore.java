package ai.devbot.orchestrator.client.projectstore;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import ai.devbot.orchestrator.client.Calls;
import ai.devbot.orchestrator.client.ServiceUnavailableException;

/**
 * project-store-service for the orchestrator. Writes carry idempotency keys (creationKey, appendId,
 * batchId), so a retried or re-run step changes nothing twice. Another owner's project is absent.
 */
@ApplicationScoped
public class ProjectStore {

    private static final String NAME = "project-store-service";

    /** An edit batch: applied (with what it touched), or refused with the model-readable problems. */
    public record EditOutcome(StoreRecords.Applied applied, List<String> problems) {
    }

    /** A rollback: done (with the files it restored), or refused with the reason (nothing changed). */
    public record Rollback(StoreRecords.Applied applied, String refusal) {
    }

    private final ProjectStoreApi api;

    ProjectStore(@RestClient ProjectStoreApi api) {
        this.api = api;
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS,
            failOn = Calls.TransientFailure.class)
    public StoreRecords.Project create(StoreRecords.NewProject project) {
        return Calls.call(NAME, () -> api.create(project));
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public List<StoreRecords.Project> projects(long ownerId) {
        return Calls.call(NAME, () -> api.list(ownerId));
    }

    /** The owner's project, or empty when it does not exist or belongs to someone else. */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public Optional<StoreRecords.Project> project(long id, long ownerId) {
        Response response = Calls.response(NAME, () -> api.get(id, ownerId));
        return response.getStatus() == 200 ? Optional.of(response.readEntity(StoreRecords.Project.class))
                : Optional.empty();
    }

    /** Changes the project's checks (an idempotent overwrite). */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public StoreRecords.Project changeChecks(long id, long ownerId, ai.devbot.orchestrator.client.agent.AgentRecords.Checks checks) {
        return Calls.call(NAME, () -> api.update(id, ownerId, StoreRecords.ProjectChange.checks(checks)));
    }

    /** Overwrites what the change names (idempotent). */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public StoreRecords.Project change(long id, long ownerId, StoreRecords.ProjectChange change) {
        return Calls.call(NAME, () -> api.update(id, ownerId, change));
    }

    /** An import: the project it made, or the reason the archive was refused (nothing was stored). */
    public record ImportOutcome(StoreRecords.Imported imported, String refusal) {
    }

    /**
     * Turns an upload into a project of its owner, once per {@code creationKey}; refused (422, 404) with
     * project-store's reason when the archive cannot be imported or the upload is gone.
     */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    public ImportOutcome importUpload(StoreRecords.ImportRequest request) {
        return importOutcome(Calls.response(NAME, () -> api.importUpload(request)));
    }

    /** A public repository cloned as a project (the clone itself is bounded to a minute by project-store). */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    public ImportOutcome importGit(StoreRecords.GitImportRequest request) {
        return importOutcome(Calls.response(NAME, () -> api.importGit(request)));
    }

    private static ImportOutcome importOutcome(Response response) {
        return switch (response.getStatus()) {
            case 200, 201 -> new ImportOutcome(response.readEntity(StoreRecords.Imported.class), null);
            case 400, 404, 422 -> new ImportOutcome(null, Calls.errorOf(response));
            default -> throw new ServiceUnavailableException(NAME + " answered " + response.getStatus()
                    + " to an import: " + Calls.errorOf(response));
        };
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public List<StoreRecords.Task> tasks(long id, long ownerId) {
        return Calls.call(NAME, () -> api.tasks(id, ownerId));
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public List<StoreRecords.Task> appendTasks(long id, long ownerId, String appendId, List<StoreRecords.NewTask> tasks) {
        return Calls.call(NAME, () -> api.appendTasks(id, ownerId, new StoreRecords.Append(appendId, tasks)));
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public void updateTask(long id, long ownerId, int number, StoreRecords.TaskUpdate update) {
        Calls.call(NAME, () -> api.updateTask(id, number, ownerId, update));
    }

    /** What the task did to the files, or empty when there is no such project of the owner's. */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public Optional<StoreRecords.TaskDiff> taskDiff(long id, long ownerId, int number) {
        Response response = Calls.response(NAME, () -> api.taskDiff(id, number, ownerId));
        return response.getStatus() == 200 ? Optional.of(response.readEntity(StoreRecords.TaskDiff.class))
                : Optional.empty();
    }

    /**
     * Restores the files as they were before the task. Refused (409, 400, 404) with project-store's reason when
     * later work changed them, it is already undone, or it changed nothing; a retry after a lost answer is refused as
     * already undone, never applied twice.
     */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public Rollback rollback(long id, long ownerId, int number) {
        Response response = Calls.response(NAME, () -> api.rollback(id, number, ownerId));
        return switch (response.getStatus()) {
            case 200, 201 -> new Rollback(response.readEntity(StoreRecords.Applied.class), null);
            case 400, 404, 409 -> new Rollback(null, Calls.errorOf(response));
            default -> throw new ServiceUnavailableException(NAME + " answered " + response.getStatus()
                    + " to a rollback: " + Calls.errorOf(response));
        };
    }

    /** Where a push goes and its deploy key, or why the address was refused (422) or the project is unknown (404). */
    public record PushSetupOutcome(StoreRecords.PushSetup setup, String refusal) {
    }

    /** A push: done (or nothing new), or refused with what to do; {@code notSetUp} when no address was set yet. */
    public record PushOutcome(StoreRecords.Pushed pushed, String refusal, boolean notSetUp) {
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public PushSetupOutcome setUpPush(long id, long ownerId, String address) {
        Response response = Calls.response(NAME, () -> api.setUpPush(id, ownerId, new StoreRecords.PushAddress(address)));
        return switch (response.getStatus()) {
            case 200 -> new PushSetupOutcome(response.readEntity(StoreRecords.PushSetup.class), null);
            case 400, 404, 422 -> new PushSetupOutcome(null, Calls.errorOf(response));
            default -> throw new ServiceUnavailableException(NAME + " answered " + response.getStatus()
                    + " to a push setup: " + Calls.errorOf(response));
        };
    }

    /** Pushes the history (bounded to a minute by project-store); pushing again only fast-forwards or finds it done. */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    public PushOutcome push(long id, long ownerId) {
        Response response = Calls.response(NAME, () -> api.push(id, ownerId));
        return switch (response.getStatus()) {
            case 200 -> new PushOutcome(response.readEntity(StoreRecords.Pushed.class), null, false);
            case 409 -> new PushOutcome(null, Calls.errorOf(response), true);
            case 400, 404, 422 -> new PushOutcome(null, Calls.errorOf(response), false);
            default -> throw new ServiceUnavailableException(NAME + " answered " + response.getStatus()
                    + " to a push: " + Calls.errorOf(response));
        };
    }

    /** Deletes the project's deploy key; answers whether it had one. */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public boolean forgetPush(long id, long ownerId) {
        Response response = Calls.response(NAME, () -> api.forgetPush(id, ownerId));
        if (response.getStatus() != 200) {
            throw new ServiceUnavailableException(NAME + " answered " + response.getStatus() + " to /forget: "
                    + Calls.errorOf(response));
        }
        return response.readEntity(com.fasterxml.jackson.databind.JsonNode.class).path("forgotten").asBoolean();
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public List<StoreRecords.FileInfo> files(long id, long ownerId) {
        return Calls.call(NAME, () -> api.files(id, ownerId));
    }

    /** A file's text, or empty when there is no such file. */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public Optional<String> content(long id, long ownerId, String path) {
        Response response = Calls.response(NAME, () -> api.content(id, ownerId, path));
        if (response.getStatus() == 200) {
            return Optional.of(response.readEntity(String.class));
        }
        if (response.getStatus() == 400) {
            throw new IllegalArgumentException(Calls.errorOf(response));
        }
        return Optional.empty();
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public void write(long id, long ownerId, String path, String batchId, String content) {
        Response response = Calls.response(NAME, () -> api.write(id, ownerId, path, batchId, content));
        if (response.getStatus() >= 300) {
            throw new ServiceUnavailableException(NAME + " refused to write " + path + ": " + Calls.errorOf(response));
        }
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public EditOutcome apply(long id, long ownerId, StoreRecords.Batch batch) {
        Response response = Calls.response(NAME, () -> api.applyEdits(id, ownerId, batch));
        return switch (response.getStatus()) {
            case 200, 201 -> new EditOutcome(response.readEntity(StoreRecords.Applied.class), List.of());
            case 422, 400 -> {
                StoreRecords.Rejected rejected = response.readEntity(StoreRecords.Rejected.class);
                yield new EditOutcome(null, rejected.problems() == null || rejected.problems().isEmpty()
                        ? List.of(rejected.error()) : rejected.problems());
            }
            default -> throw new ServiceUnavailableException(NAME + " answered " + response.getStatus()
                    + " to an edit batch: " + Calls.errorOf(response));
        };
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    public StoreRecords.Context context(long id, long ownerId, String query, int budgetTokens) {
        return Calls.call(NAME, () -> api.context(id, ownerId, new StoreRecords.ContextRequest(query, budgetTokens)));
    }
}
