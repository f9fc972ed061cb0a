package ai.devbot.sandbox.runner.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import ai.devbot.sandbox.run.CommandSpec;
import ai.devbot.sandbox.run.Limits;
import ai.devbot.sandbox.runner.Limit;
import ai.devbot.sandbox.runner.RunOutcome;
import ai.devbot.sandbox.runner.RunPlan;
import ai.devbot.sandbox.runner.SandboxUnavailableException;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * The Kubernetes runner against the client's mock API server: the Job it creates (and its locked-down spec), a
 * Job that succeeds with its log read back, the OOM killer's verdict, a Job that never starts, and cleanup.
 * The mock runs no pods: the test plays the kubelet, creating the Job's pod and setting the statuses.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesRunnerTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    static final Limits LIMITS = new Limits(Duration.ofSeconds(60), Duration.ofSeconds(60), 512, 128, 256, 256, 1 << 20);

    KubernetesRunner runner(Duration startTimeout, ArchiveTokens tokens) {
        return new KubernetesRunner(client, new KubernetesSettings("devbot-sandbox", "ghcr.io/devbot/sandbox-runner:0.1.0",
                Optional.of("gvisor"), "http://sandbox-service.devbot.svc:8086", startTimeout, Duration.ofMillis(100),
                Duration.ofSeconds(300), 4096), tokens);
    }

    static RunPlan plan(String runId) {
        return new RunPlan(runId, 7, new TreeMap<>(), "PK-archive".getBytes(StandardCharsets.UTF_8),
                List.of(new CommandSpec("setup", "pip install -r requirements.txt", 30, true),
                        new CommandSpec("check", "python3 -m pytest -q; echo $HOME", null)), LIMITS);
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Plays the kubelet: once the Job exists, its pod starts and ends as {@code reason} says, with this log. */
    CompletableFuture<Job> kubelet(String jobName, String terminatedReason, String log) {
        return CompletableFuture.supplyAsync(() -> {
            Job job = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (job == null && System.nanoTime() < deadline) {
                job = client.batch().v1().jobs().inNamespace("devbot-sandbox").withName(jobName).get();
            }
            String pod = jobName + "-abcde";
            client.pods().inNamespace("devbot-sandbox").resource(new PodBuilder().withNewMetadata().withName(pod)
                    .addToLabels("job-name", jobName).endMetadata().withNewStatus()
                    .withContainerStatuses(new ContainerStatusBuilder().withName("run").withNewState().withNewTerminated()
                            .withExitCode(0).withReason(terminatedReason).endTerminated().endState().build())
                    .endStatus().build()).create();
            server.expect().get().withPath("/api/v1/namespaces/devbot-sandbox/pods/" + pod
                    + "/log?pretty=false&container=run&limitBytes=16777216").andReturn(200, log).always();
            Job copy = client.batch().v1().jobs().inNamespace("devbot-sandbox").withName(jobName).get();
            copy.setStatus(new JobStatusBuilder().withSucceeded(1).build());
            client.batch().v1().jobs().inNamespace("devbot-sandbox").resource(copy).updateStatus();
            return job;
        });
    }

    @Test
    void aRunIsOneLockedDownJobWhoseLogBecomesTheOutcomeAndIsDeletedAfter() throws Exception {
        ArchiveTokens tokens = new ArchiveTokens();
        String runId = "job-tg-9:task-1:attempt-1:CHECK";
        String name = JobSpecs.jobName(runId);
        String log = String.join("\n", "::devbot:: begin 0", "::devbot:: stdout 0 " + b64("installed\n"),
                "::devbot:: stderr 0 ", "::devbot:: end 0 0 1200 10", "::devbot:: begin 1",
                "::devbot:: stdout 1 " + b64("1 failed, 2 passed in 0.1s\n"), "::devbot:: stderr 1 " + b64("warn\n"),
                "::devbot:: end 1 1 800 40",
                "::devbot:: report " + b64("reports/junit.xml") + " " + b64("<testsuite><testcase name=\"a\"/></testsuite>"),
                "::devbot:: done", "");
        CompletableFuture<Job> created = kubelet(name, "Completed", log);
        RunOutcome outcome = runner(Duration.ofSeconds(5), tokens).run(plan(runId));

        assertEquals(2, outcome.commands().size());
        assertEquals("installed\n", outcome.commands().get(0).stdoutTail());
        assertEquals(1200, outcome.commands().get(0).durationMs());
        assertEquals(1, outcome.commands().get(1).exitCode());
        assertEquals("warn\n", outcome.commands().get(1).stderrTail());
        assertEquals("reports/junit.xml", outcome.reports().get(0).path());

        Job job = created.get(10, TimeUnit.SECONDS);
        var pod = job.getSpec().getTemplate().getSpec();
        assertEquals("gvisor", pod.getRuntimeClassName());
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());
        assertEquals(Boolean.FALSE, pod.getEnableServiceLinks());
        assertEquals("Never", pod.getRestartPolicy());
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        for (var container : List.of(pod.getContainers().get(0), pod.getInitContainers().get(0))) {
            assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem(), container.getName());
            assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation());
            assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
        }
        var run = pod.getContainers().get(0);
        assertEquals("512Mi", run.getResources().getLimits().get("memory").toString());
        assertEquals("256Mi", run.getResources().getLimits().get("ephemeral-storage").toString());
        assertTrue(run.getEnv().stream().anyMatch(e -> e.getName().equals("DEVBOT_CMD_1")
                && e.getValue().equals("python3 -m pytest -q; echo $HOME")), "commands are values, never script text");
        assertTrue(run.getEnv().stream().anyMatch(e -> e.getName().equals("DEVBOT_TIMEOUT_0") && e.getValue().equals("30")));
        assertEquals(60 + 35 + 65, job.getSpec().getActiveDeadlineSeconds());
        assertEquals(300, job.getSpec().getTtlSecondsAfterFinished());
        assertEquals(0, job.getSpec().getBackoffLimit());
        String url = pod.getInitContainers().get(0).getEnv().get(0).getValue();
        assertTrue(url.startsWith("http://sandbox-service.devbot.svc:8086/internal/archives/"), url);
        assertTrue(tokens.take(url.substring(url.lastIndexOf('/') + 1)).isEmpty(), "the token dies with the run");

        assertNull(client.batch().v1().jobs().inNamespace("devbot-sandbox").withName(name).get(), "the Job is deleted");
    }

    @Test
    void theOomKillersVerdictIsTheMemoryLimitOfTheCommandThatRan() throws Exception {
        String runId = "oom-" + System.nanoTime();
        kubelet(JobSpecs.jobName(runId), "OOMKilled", "::devbot:: begin 0\n::devbot:: end 0 0 10 0\n::devbot:: begin 1\n");
        RunOutcome outcome = runner(Duration.ofSeconds(5), new ArchiveTokens()).run(plan(runId));
        assertEquals(2, outcome.commands().size());
        assertEquals(Limit.MEMORY, outcome.commands().get(1).limit());
    }

    @Test
    void aJobThatNeverStartsIsDeletedAndTheRunRefusedWithTheReason() {
        String runId = "stuck-" + System.nanoTime();
        String name = JobSpecs.jobName(runId);
        CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (client.batch().v1().jobs().inNamespace("devbot-sandbox").withName(name).get() == null
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            client.pods().inNamespace("devbot-sandbox").resource(new PodBuilder().withNewMetadata()
                    .withName(name + "-x").addToLabels("job-name", name).endMetadata().withNewStatus()
                    .withContainerStatuses(new ContainerStatusBuilder().withName("run").withNewState().withNewWaiting()
                            .withReason("ImagePullBackOff").endWaiting().endState().build())
                    .endStatus().build()).create();
        });
        var refused = assertThrows(SandboxUnavailableException.class,
                () -> runner(Duration.ofSeconds(1), new ArchiveTokens()).run(plan(runId)));
        assertTrue(refused.getMessage().contains("did not start within 1 s: run ImagePullBackOff"), refused.getMessage());
        assertNull(client.batch().v1().jobs().inNamespace("devbot-sandbox").withName(name).get());
    }

    @Test
    void jobNamesAreValidAndDistinctPerRun() {
        String a = JobSpecs.jobName("job-tg-1/task-2/attempt-3/CHECK".replace('/', ':'));
        String b = JobSpecs.jobName("job-tg-1:task-2:attempt-4:CHECK");
        assertTrue(a.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") && a.length() <= 63, a);
        assertFalse(a.equals(b));
        assertTrue(JobSpecs.jobName("X".repeat(128)).length() <= 63);
    }
}
