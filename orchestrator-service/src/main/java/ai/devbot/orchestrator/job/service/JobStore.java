package ai.devbot.orchestrator.job.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.orchestrator.job.model.Choice;
import ai.devbot.orchestrator.job.model.Job;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.set.SetCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;

/**
 * Jobs in Redis: the job record (rewritten after every step), the project's job lock (one job per
 * project), the set of running jobs (for the stall check and operators), and cancel requests —
 * kept apart from the record so a step that is running cannot overwrite them when it saves.
 */
@ApplicationScoped
public class JobStore {

    private static final String JOB = "devbot:job:";
    private static final String PROJECT_LOCK = "devbot:project-job:";
    private static final String CANCEL = "devbot:job-cancel:";
    private static final String RUNNING = "devbot:jobs-running";
    private static final String USER_JOBS = "devbot:user-jobs:";
    private static final String LAST_CHECKS = "devbot:project-checks:";
    private static final String USER_LAUNCH = "devbot:user-launch:";
    private static final String CHOICE = "devbot:job-choice:";
    /** Records "<step id> <choice>" unless a choice for that step is there already (the first press wins). */
    private static final String CHOOSE_ONCE = "local held = redis.call('get', KEYS[1]) "
            + "if held and string.sub(held, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. ' ' then return 0 end "
            + "redis.call('set', KEYS[1], ARGV[1] .. ' ' .. ARGV[2], 'EX', ARGV[3]) return 1";
    /** A project lock held by a short operation (an undo), not a job: it expires by itself. */
    private static final String OPERATION = "op:";
    /** Deletes the lease only if this job still holds it (one that expired may be someone else's by now). */
    private static final String END_LEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";
    /** Finished jobs stay readable for operators this long. */
    private static final Duration FINISHED_TTL = Duration.ofDays(30);

    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;
    private final SetCommands<String, String> sets;
    private final ObjectMapper json;

    JobStore(RedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.sets = redis.set(String.class);
        this.json = json;
    }

    public Optional<Job> get(String jobId) {
        String stored = values.get(JOB + jobId);
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(stored, Job.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job " + jobId + " is unreadable", e);
        }
    }

    /** Stores a new job unless one with its id exists (a re-delivered command); true when stored. */
    public boolean create(Job job) {
        job.createdAt = job.updatedAt = Instant.now();
        boolean created = values.setnx(JOB + job.id, write(job));
        if (created) {
            sets.sadd(RUNNING, job.id);
            sets.sadd(USER_JOBS + job.userId, job.id);
        }
        return created;
    }

    public void save(Job job) {
        job.updatedAt = Instant.now();
        if (job.finished()) {
            values.set(JOB + job.id, write(job), new SetArgs().ex(FINISHED_TTL));
            sets.srem(RUNNING, job.id);
            sets.srem(USER_JOBS + job.userId, job.id);
            values.getdel(CANCEL + job.id);
            values.getdel(CHOICE + job.id);
        } else {
            values.set(JOB + job.id, write(job));
        }
    }

    /** Takes the project for a job; answers the job that holds it when another one does. */
    public Optional<String> lockProject(long projectId, String jobId) {
        if (values.setnx(PROJECT_LOCK + projectId, jobId)) {
            return Optional.empty();
        }
        String holder = values.get(PROJECT_LOCK + projectId);
        if (holder == null || holder.equals(jobId)) {
            return holder == null ? lockProject(projectId, jobId) : Optional.empty();
        }
        if (holder.startsWith(OPERATION)) {
            return Optional.of(holder);
        }
        // A lock left by a job that has finished (or vanished) is stale: take it over.
        Optional<Job> holding = get(holder);
        if (holding.isEmpty() || holding.get().finished()) {
            values.set(PROJECT_LOCK + projectId, jobId);
            return Optional.empty();
        }
        return Optional.of(holder);
    }

    /**
     * Takes the user's launch lease for {@code holdFor}: while it is held no other job of the user begins, so two
     * commands from two chats cannot both pass the concurrent-jobs check. The same job (its command handled again
     * after a crash) takes it back. False when another job's launch holds it.
     */
    public boolean leaseLaunch(long userId, String jobId, Duration holdFor) {
        String key = USER_LAUNCH + userId;
        return redis.execute("SET", key, jobId, "NX", "PX", Long.toString(holdFor.toMillis())) != null
                || jobId.equals(values.get(key));
    }

    public void endLaunch(long userId, String jobId) {
        redis.execute("EVAL", END_LEASE, "1", USER_LAUNCH + userId, jobId);
    }

    /**
     * Takes the project for a short operation that is not a job (an undo) for at most {@code holdFor}: no job starts
     * on it meanwhile, and it is refused while a job runs. The same operation (its command handled again) takes it
     * back. False when the project is busy.
     */
    public boolean holdProject(long projectId, String operation, Duration holdFor) {
        String key = PROJECT_LOCK + projectId;
        String holder = OPERATION + operation;
        if (redis.execute("SET", key, holder, "NX", "PX", Long.toString(holdFor.toMillis())) != null
                || holder.equals(values.get(key))) {
            return true;
        }
        // A lock left by a job that has finished (or vanished) is stale, as in lockProject.
        String current = values.get(key);
        if (current != null && !current.startsWith(OPERATION) && get(current).map(Job::finished).orElse(true)) {
            redis.execute("EVAL", END_LEASE, "1", key, current);
            return holdProject(projectId, operation, holdFor);
        }
        return false;
    }

    public void releaseProject(long projectId, String operation) {
        redis.execute("EVAL", END_LEASE, "1", PROJECT_LOCK + projectId, OPERATION + operation);
    }

    public Optional<String> projectJob(long projectId) {
        return Optional.ofNullable(values.get(PROJECT_LOCK + projectId));
    }

    public void unlockProject(long projectId, String jobId) {
        if (jobId.equals(values.get(PROJECT_LOCK + projectId))) {
            values.getdel(PROJECT_LOCK + projectId);
        }
    }

    /** The project's last checks in a line ("✓ 12 passed · 2026-12-01 19:40 UTC"), for /status. */
    public void lastChecks(long projectId, String line) {
        values.set(LAST_CHECKS + projectId, line, new SetArgs().ex(FINISHED_TTL));
    }

    public Optional<String> lastChecks(long projectId) {
        return Optional.ofNullable(values.get(LAST_CHECKS + projectId));
    }

    /**
     * The user's choice at the job's waiting step {@code stepId}, unless a choice was made there already; true when
     * it was recorded. A choice left from an earlier pause of the job is replaced.
     */
    public boolean choose(String jobId, String stepId, Choice choice) {
        var recorded = redis.execute("EVAL", CHOOSE_ONCE, "1", CHOICE + jobId, stepId, choice.name(),
                Long.toString(FINISHED_TTL.toSeconds()));
        return recorded != null && recorded.toInteger() == 1;
    }

    /** The choice made at the job's waiting step {@code stepId}, if any. */
    public Optional<Choice> choice(String jobId, String stepId) {
        String held = values.get(CHOICE + jobId);
        if (held == null || !held.startsWith(stepId + " ")) {
            return Optional.empty();
        }
        return Optional.of(Choice.valueOf(held.substring(stepId.length() + 1)));
    }

    public void requestCancel(String jobId) {
        values.set(CANCEL + jobId, "1", new SetArgs().ex(FINISHED_TTL));
    }

    public boolean cancelRequested(String jobId) {
        return values.get(CANCEL + jobId) != null;
    }

    /** The user's unfinished jobs, oldest first (ids of jobs that finished or vanished are dropped). */
    public List<Job> runningOf(long userId) {
        List<Job> running = new java.util.ArrayList<>();
        for (String id : sets.smembers(USER_JOBS + userId)) {
            Optional<Job> job = get(id);
            if (job.isPresent() && !job.get().finished()) {
                running.add(job.get());
            } else {
                sets.srem(USER_JOBS + userId, id);
            }
        }
        running.sort(java.util.Comparator.comparing(job -> job.createdAt));
        return running;
    }

    public List<String> running() {
        Set<String> ids = sets.smembers(RUNNING);
        return ids.stream().sorted().toList();
    }

    private String write(Job job) {
        try {
            return json.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
