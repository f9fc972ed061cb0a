package ai.devbot.sandbox.runner.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import ai.devbot.sandbox.runner.RunOutcome;
import ai.devbot.sandbox.runner.RunPlan;
import ai.devbot.sandbox.runner.SandboxRunner;
import ai.devbot.sandbox.runner.SandboxUnavailableException;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The production runner: one Kubernetes Job per run ({@link JobSpecs}) in the sandbox namespace. It creates the
 * Job, polls it until it ends (a Job whose pod has not started within {@code startTimeout} — no node, a missing
 * image, a quota — is deleted and the run reported unavailable), reads the run container's log ({@link RunLog}),
 * and deletes the Job whatever happened. Needs only create/get/delete on Jobs and get/list on pods and their
 * logs in that namespace (deploy/k8s/sandbox/rbac.yaml).
 */
public final class KubernetesRunner implements SandboxRunner {

    private static final Logger LOG = Logger.getLogger(KubernetesRunner.class);
    /** More log than this is never read back: the driver prints bounded tails only. */
    private static final int MAX_LOG_BYTES = 16 * 1024 * 1024;

    private final KubernetesClient client;
    private final KubernetesSettings settings;
    private final ArchiveTokens tokens;

    public KubernetesRunner(KubernetesClient client, KubernetesSettings settings, ArchiveTokens tokens) {
        this.client = client;
        this.settings = settings;
        this.tokens = tokens;
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public RunOutcome run(RunPlan plan) throws SandboxUnavailableException {
        Job job;
        String token = tokens.issue(plan.archive(), settings.startTimeout().plus(Duration.ofMinutes(5)));
        String name = JobSpecs.jobName(plan.runId());
        try {
            // A Job left by an earlier attempt at the same run (this service crashed meanwhile) goes first.
            jobs().withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            job = jobs().resource(JobSpecs.job(settings, plan.runId(), plan.commands(), plan.limits(), token)).create();
        } catch (KubernetesClientException e) {
            tokens.revoke(token);
            throw new SandboxUnavailableException("the sandbox Job could not be created: " + e.getMessage(), e);
        }
        try {
            return await(job, plan);
        } finally {
            tokens.revoke(token);
            try {
                jobs().withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            } catch (KubernetesClientException e) {
                LOG.warnf("sandbox Job %s not deleted now (its TTL removes it): %s", name, e.getMessage());
            }
        }
    }

    private RunOutcome await(Job created, RunPlan plan) throws SandboxUnavailableException {
        String name = created.getMetadata().getName();
        long startBy = System.nanoTime() + settings.startTimeout().toNanos();
        long endBy = System.nanoTime() + Duration.ofSeconds(created.getSpec().getActiveDeadlineSeconds() + 60).toNanos();
        boolean started = false;
        while (true) {
            Job job = jobs().withName(name).get();
            if (job == null) {
                throw new SandboxUnavailableException("the sandbox Job " + name + " disappeared before it ended");
            }
            Optional<Pod> pod = pod(name);
            started |= pod.map(KubernetesRunner::runContainerStarted).orElse(false);
            var status = job.getStatus();
            boolean ended = status != null && ((status.getSucceeded() != null && status.getSucceeded() > 0)
                    || (status.getFailed() != null && status.getFailed() > 0));
            if (ended && pod.isPresent()) {
                return outcome(pod.get(), plan);
            }
            if (!started && !ended && System.nanoTime() > startBy) {
                throw new SandboxUnavailableException("the sandbox Job did not start within "
                        + settings.startTimeout().toSeconds() + " s" + pod.map(KubernetesRunner::waitingReason).orElse(""));
            }
            if (System.nanoTime() > endBy) {
                throw new SandboxUnavailableException("the sandbox Job " + name + " did not end by its deadline");
            }
            sleep();
        }
    }

    private RunOutcome outcome(Pod pod, RunPlan plan) {
        String log;
        try {
            log = client.pods().inNamespace(settings.namespace()).withName(pod.getMetadata().getName())
                    .inContainer("run").limitBytes(MAX_LOG_BYTES).getLog();
        } catch (KubernetesClientException e) {
            log = "";
        }
        return RunLog.parse(log == null ? "" : log, oomKilled(pod), settings.tailBytes());
    }

    private Optional<Pod> pod(String jobName) {
        List<Pod> pods = client.pods().inNamespace(settings.namespace()).withLabel("job-name", jobName).list()
                .getItems();
        return pods.stream().findFirst();
    }

    private static boolean runContainerStarted(Pod pod) {
        return runStatus(pod).map(s -> s.getState() != null
                && (s.getState().getRunning() != null || s.getState().getTerminated() != null)).orElse(false);
    }

    private static boolean oomKilled(Pod pod) {
        return runStatus(pod).map(s -> s.getState() != null && s.getState().getTerminated() != null
                && "OOMKilled".equals(s.getState().getTerminated().getReason())).orElse(false);
    }

    private static Optional<ContainerStatus> runStatus(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream().filter(s -> "run".equals(s.getName())).findFirst();
    }

    /** Why a pod waits (ImagePullBackOff, Unschedulable…), for the operator and the caller. */
    private static String waitingReason(Pod pod) {
        if (pod.getStatus() == null) {
            return "";
        }
        if (pod.getStatus().getConditions() != null) {
            for (var condition : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())) {
                    return ": " + condition.getReason() + (condition.getMessage() == null ? "" : " — " + condition.getMessage());
                }
            }
        }
        List<ContainerStatus> statuses = new java.util.ArrayList<>();
        if (pod.getStatus().getInitContainerStatuses() != null) {
            statuses.addAll(pod.getStatus().getInitContainerStatuses());
        }
        if (pod.getStatus().getContainerStatuses() != null) {
            statuses.addAll(pod.getStatus().getContainerStatuses());
        }
        return statuses.stream().filter(s -> s.getState() != null && s.getState().getWaiting() != null)
                .map(s -> ": " + s.getName() + " " + s.getState().getWaiting().getReason()).findFirst().orElse("");
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<Job, io.fabric8.kubernetes.api.model.batch.v1.JobList,
            io.fabric8.kubernetes.client.dsl.ScalableResource<Job>> jobs() {
        return client.batch().v1().jobs().inNamespace(settings.namespace());
    }

    private void sleep() throws SandboxUnavailableException {
        try {
            Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxUnavailableException("interrupted while a sandbox Job ran");
        }
    }
}
