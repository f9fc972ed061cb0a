package ai.devbot.sandbox.runner.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.devbot.sandbox.run.CommandSpec;
import ai.devbot.sandbox.run.Limits;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

/**
 * One Job per run: an init container fetches the project's archive with a one-use token and unpacks it into the
 * work volume; the run container's driver runs the commands one by one under {@code timeout}, keeping their
 * output in files and printing only the tails and exit codes ({@link RunLog}). Non-root, read-only root file
 * system, no capabilities, no service-account token, no service links, RuntimeDefault seccomp, the chosen
 * runtime class (gVisor's {@code runsc} recommended), resource limits from the run's, a deadline and a TTL.
 * The namespace's NetworkPolicy denies every egress but DNS and this service (deploy/k8s/sandbox).
 */
final class JobSpecs {

    static final String LABEL_PART_OF = "app.kubernetes.io/part-of";
    static final String LABEL_RUN = "devbot.ai/sandbox-run";
    static final long UID = 1000;

    /** The driver (a fixed script): the commands come in as environment values, never as script text. */
    static final String DRIVER = """
            cd /work || exit 90
            i=0
            while [ "$i" -lt "$DEVBOT_COMMANDS" ]; do
              eval "cmd=\\${DEVBOT_CMD_$i}"; eval "t=\\${DEVBOT_TIMEOUT_$i}"
              echo "::devbot:: begin $i"
              s=$(date +%s%3N)
              timeout -k 5 "$t" /bin/sh -c "$cmd" >/tmp/devbot-out.$i 2>/tmp/devbot-err.$i </dev/null
              code=$?
              e=$(date +%s%3N)
              bytes=$(( $(wc -c </tmp/devbot-out.$i) + $(wc -c </tmp/devbot-err.$i) ))
              echo "::devbot:: stdout $i $(tail -c "$DEVBOT_TAIL" /tmp/devbot-out.$i | base64 -w0)"
              echo "::devbot:: stderr $i $(tail -c "$DEVBOT_TAIL" /tmp/devbot-err.$i | base64 -w0)"
              echo "::devbot:: end $i $code $((e - s)) $bytes"
              [ "$code" -eq 0 ] || break
              i=$((i + 1))
            done
            find /work -type f -size -2048k \\( -name 'TEST-*.xml' -o -name '*junit*.xml' -o -path '*surefire-reports/*.xml' \\
              -o -path '*test-results/*.xml' \\) 2>/dev/null | head -50 | while read -r f; do
              echo "::devbot:: report $(printf %s "${f#/work/}" | base64 -w0) $(base64 -w0 <"$f")"
            done
            echo "::devbot:: done"
            """;

    /** Fetches and unpacks the archive (unzip drops ../ and absolute paths; project-store confines them too). */
    static final String FETCH = """
            set -e
            curl -sf --max-time 120 -o /tmp/project.zip "$DEVBOT_ARCHIVE_URL"
            mkdir -p /tmp/unpacked
            unzip -q /tmp/project.zip -d /tmp/unpacked
            root=$(find /tmp/unpacked -mindepth 1 -maxdepth 1 -type d | head -1)
            if [ -n "$root" ]; then cp -a "$root"/. /work/; fi
            rm -rf /tmp/project.zip /tmp/unpacked
            """;

    private JobSpecs() {
    }

    /** A Job name from the run id: DNS-1123, at most 63 characters, unique per run id (hash suffix). */
    static String jobName(String runId) {
        String base = runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        String hash = Integer.toHexString(runId.hashCode() & 0x7fffffff);
        String head = base.length() > 40 ? base.substring(0, 40).replaceAll("-+$", "") : base;
        return "run-" + (head.isEmpty() ? "" : head + "-") + hash;
    }

    static Job job(KubernetesSettings settings, String runId, List<CommandSpec> commands, Limits limits,
            String archiveToken) {
        List<EnvVar> env = new ArrayList<>();
        long deadline = 60;
        for (int i = 0; i < commands.size(); i++) {
            CommandSpec command = commands.get(i);
            long seconds = command.timeoutSeconds() != null && command.timeoutSeconds() < limits.wallTime().toSeconds()
                    ? command.timeoutSeconds() : limits.wallTime().toSeconds();
            deadline += seconds + 5;
            env.add(new EnvVar("DEVBOT_CMD_" + i, command.command(), null));
            env.add(new EnvVar("DEVBOT_TIMEOUT_" + i, Long.toString(seconds), null));
        }
        env.add(new EnvVar("DEVBOT_COMMANDS", Integer.toString(commands.size()), null));
        env.add(new EnvVar("DEVBOT_TAIL", Integer.toString(settings.tailBytes()), null));
        env.addAll(List.of(new EnvVar("HOME", "/home/sandbox", null), new EnvVar("TMPDIR", "/tmp", null),
                new EnvVar("CI", "true", null)));
        Map<String, String> labels = Map.of(LABEL_PART_OF, "devbot-sandbox", LABEL_RUN, jobName(runId));
        Container run = new ContainerBuilder().withName("run").withImage(settings.image())
                .withCommand("/bin/sh", "-c", DRIVER).withEnv(env).withWorkingDir("/work")
                .withSecurityContext(locked())
                .withNewResources()
                .addToRequests("cpu", new Quantity("250m"))
                .addToRequests("memory", new Quantity(Math.min(256, limits.memoryMb()) + "Mi"))
                .addToLimits("cpu", new Quantity("2"))
                .addToLimits("memory", new Quantity(limits.memoryMb() + "Mi"))
                .addToLimits("ephemeral-storage", new Quantity(limits.diskMb() + "Mi"))
                .endResources()
                .withVolumeMounts(mounts())
                .build();
        Container fetch = new ContainerBuilder().withName("fetch").withImage(settings.image())
                .withCommand("/bin/sh", "-c", FETCH)
                .withEnv(new EnvVar("DEVBOT_ARCHIVE_URL", settings.archiveBaseUrl().replaceAll("/+$", "")
                        + "/internal/archives/" + archiveToken, null))
                .withSecurityContext(locked())
                .withNewResources()
                .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("64Mi"))
                .addToLimits("cpu", new Quantity("1")).addToLimits("memory", new Quantity("256Mi"))
                .endResources()
                .withVolumeMounts(mounts())
                .build();
        return new JobBuilder()
                .withNewMetadata().withName(jobName(runId)).withNamespace(settings.namespace()).withLabels(labels)
                .addToAnnotations("devbot.ai/run-id", runId).endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(deadline)
                .withTtlSecondsAfterFinished((int) settings.finishedTtl().toSeconds())
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withRuntimeClassName(settings.runtimeClassName().orElse(null))
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(UID).withRunAsGroup(UID).withFsGroup(UID)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .withInitContainers(fetch)
                .withContainers(run)
                .withVolumes(volume("work", limits.diskMb()), volume("tmp", limits.diskMb()), volume("home", limits.diskMb()))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static SecurityContext locked() {
        return new SecurityContextBuilder().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true).withPrivileged(false)
                .withCapabilities(new Capabilities(null, List.of("ALL"))).build();
    }

    private static List<VolumeMount> mounts() {
        return List.of(mount("/work", "work"), mount("/tmp", "tmp"), mount("/home/sandbox", "home"));
    }

    private static VolumeMount mount(String path, String volume) {
        return new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withMountPath(path).withName(volume).build();
    }

    private static Volume volume(String name, int sizeMb) {
        return new VolumeBuilder().withName(name).withNewEmptyDir().withSizeLimit(new Quantity(sizeMb + "Mi"))
                .endEmptyDir().build();
    }
}
