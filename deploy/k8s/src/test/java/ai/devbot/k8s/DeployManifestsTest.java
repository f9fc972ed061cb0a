package ai.devbot.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * deploy/k8s as operators get it: the committed manifests are the ones this build generated, every
 * object passes the Kubernetes API schemas (offline, npm kubernetes-models), and our own policy holds.
 */
class DeployManifestsTest {

    static final List<String> SERVICES = List.of("bot-gateway", "orchestrator-service", "agent-service",
            "billing-service", "project-store-service", "sandbox-service");
    static final Path K8S = Path.of("").toAbsolutePath();
    static final Path ROOT = K8S.getParent().getParent();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Names of settings that are secrets: they may only come from the Secret, never as literal values. */
    static final Pattern SECRET_NAME = Pattern.compile(".*(TOKEN|SECRET|PASSWORD|API_KEY|SIGNING_KEY).*");

    @Test
    void theCommittedManifestsAreTheOnesThisBuildGenerated() throws IOException {
        for (String service : SERVICES) {
            // Compared as objects: quarkus-kubernetes does not keep the order of labels from build to build.
            List<JsonNode> generated = read(ROOT.resolve(service + "/target/kubernetes/kubernetes.yml"));
            List<JsonNode> committed = read(K8S.resolve("base/generated/" + service + ".yml"));
            assertEquals(generated, committed, "deploy/k8s/base/generated/" + service
                    + ".yml is stale: run deploy/k8s/generate.sh and commit the result");
        }
    }

    @Test
    void everyObjectPassesTheKubernetesSchemas() throws Exception {
        Path validate = installValidator();
        List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
        for (Path file : manifests()) {
            command.add(file.toString());
        }
        command.add(K8S.resolve("secret.template.yaml").toString());
        String out = run(validate, 120, command.toArray(String[]::new));
        List<Path> inputs = new ArrayList<>(manifests());
        inputs.add(K8S.resolve("secret.template.yaml"));
        assertEveryBuiltInObjectValidated(out, inputs);
    }

    /** Resources of operators we do not ship schemas for; every other kind must be validated. */
    static final Set<String> CUSTOM_KINDS = Set.of("monitoring.coreos.com/v1/ServiceMonitor",
            "kafka.strimzi.io/v1beta2/KafkaTopic");

    /**
     * The validator's count equals the built-in objects in its input — a validator that read nothing, or a
     * new kind it has no schema for, fails here instead of passing with "validated 0 objects".
     */
    static void assertEveryBuiltInObjectValidated(String out, List<Path> inputs) throws IOException {
        java.util.regex.Matcher summary = Pattern.compile("validated (\\d+) objects; no schema here for: (.*)").matcher(out);
        assertTrue(summary.find(), out);
        long builtIn = 0;
        for (Path input : inputs) {
            builtIn += read(input).stream().filter(o -> o.hasNonNull("kind"))
                    .filter(o -> !CUSTOM_KINDS.contains(o.path("apiVersion").asText() + "/" + o.path("kind").asText()))
                    .count();
        }
        assertTrue(builtIn > 0, "no objects in " + inputs);
        assertEquals(builtIn, Long.parseLong(summary.group(1)), "every built-in object was validated: " + out);
        String skipped = summary.group(2).strip();
        if (!skipped.equals("none")) {
            for (String kind : skipped.split(", ")) {
                assertTrue(CUSTOM_KINDS.contains(kind), kind + " has no schema model: add it to deploy/k8s/validate/validate.mjs");
            }
        }
    }

    @Test
    void bothOverlaysRenderWithKustomizeIntoHardenedValidObjects() throws Exception {
        requireKubectl();
        for (String overlay : List.of("jvm", "native")) {
            Path rendered = Files.createTempFile("devbot-" + overlay, ".yaml");
            Files.writeString(rendered, run(K8S, 60, "kubectl", "kustomize", K8S.resolve("overlays/" + overlay).toString()));
            int deployments = 0;
            for (JsonNode object : read(rendered)) {
                String kind = object.path("kind").asText();
                String name = kind + " " + object.path("metadata").path("name").asText() + " (" + overlay + ")";
                if (!kind.equals("Namespace")) {
                    assertEquals("devbot", object.path("metadata").path("namespace").asText(), name + " is in devbot");
                }
                if (!kind.equals("Deployment")) {
                    continue;
                }
                deployments++;
                JsonNode container = object.path("spec").path("template").path("spec").path("containers").path(0);
                JsonNode security = container.path("securityContext");
                assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), name + " has a read-only root");
                assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), name + " cannot escalate");
                assertEquals("[\"ALL\"]", security.path("capabilities").path("drop").toString(), name + " drops capabilities");
                assertEquals(overlay.equals("native"), container.path("image").asText().endsWith("-native"),
                        name + " runs the " + overlay + " image: " + container.path("image").asText());
            }
            assertEquals(SERVICES.size(), deployments, overlay + " renders every service");
            String out = run(installValidator(), 120, "node", "validate.mjs", rendered.toString());
            assertEveryBuiltInObjectValidated(out, List.of(rendered));
        }
    }

    @Test
    void sandboxJobsRunInANamespaceThatDeniesAllTrafficButTheArchiveAndGrantsTheRunnerOnlyItsJobs() throws Exception {
        requireKubectl();
        Path rendered = Files.createTempFile("devbot-sandbox", ".yaml");
        Files.writeString(rendered, run(K8S, 60, "kubectl", "kustomize", K8S.resolve("sandbox").toString()));
        List<JsonNode> objects = read(rendered);
        JsonNode namespace = objects.stream().filter(o -> o.path("kind").asText().equals("Namespace")).findFirst().orElseThrow();
        assertEquals("restricted", namespace.path("metadata").path("labels").path("pod-security.kubernetes.io/enforce").asText());
        JsonNode policy = objects.stream().filter(o -> o.path("kind").asText().equals("NetworkPolicy")).findFirst().orElseThrow();
        assertTrue(policy.path("spec").path("podSelector").isEmpty(), "the policy covers every sandbox pod");
        assertEquals("[\"Ingress\",\"Egress\"]", policy.path("spec").path("policyTypes").toString());
        assertTrue(policy.path("spec").path("ingress").isMissingNode(), "no traffic in");
        assertEquals(2, policy.path("spec").path("egress").size(), "out: DNS and sandbox-service only");
        JsonNode role = objects.stream().filter(o -> o.path("kind").asText().equals("Role")).findFirst().orElseThrow();
        for (JsonNode rule : role.path("rules")) {
            assertFalse(rule.path("verbs").toString().contains("*"), "no wildcard verbs");
            assertFalse(rule.path("resources").toString().contains("secrets"), "no secrets");
            if (rule.path("resources").toString().contains("\"pods\"")) {
                assertFalse(rule.path("verbs").toString().contains("create"), "pods are made by Jobs, not the runner");
            }
        }
        JsonNode binding = objects.stream().filter(o -> o.path("kind").asText().equals("RoleBinding")).findFirst().orElseThrow();
        assertEquals("sandbox-service", binding.path("subjects").path(0).path("name").asText());
        assertEquals("devbot", binding.path("subjects").path(0).path("namespace").asText());
        String out = run(installValidator(), 120, "node", "validate.mjs", rendered.toString());
        assertEveryBuiltInObjectValidated(out, List.of(rendered));
    }

    /**
     * The overlays are rendered by kubectl's built-in kustomize (1.27 or newer: `patches` with label selectors).
     * Missing, the suite fails with what to do; only an explicit DEVBOT_SKIP_KUSTOMIZE=1 skips, and says so.
     */
    static void requireKubectl() {
        if ("1".equals(System.getenv("DEVBOT_SKIP_KUSTOMIZE"))) {
            Assumptions.abort("DEVBOT_SKIP_KUSTOMIZE=1: the kustomize renders are not checked in this run");
        }
        assertTrue(onPath("kubectl"), "kubectl (1.27+, with its built-in kustomize) is needed to render deploy/k8s: "
                + "install it, or set DEVBOT_SKIP_KUSTOMIZE=1 to skip these two checks knowingly");
    }

    static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    @Test
    void deploymentsHaveProbesLimitsPinnedImagesAndNoSecretLiterals() throws IOException {
        int deployments = 0;
        for (JsonNode object : objects()) {
            String kind = object.path("kind").asText();
            String name = object.path("metadata").path("name").asText();
            if (kind.equals("ConfigMap")) {
                object.path("data").fieldNames().forEachRemaining(key -> assertFalse(SECRET_NAME.matcher(key).matches(),
                        "ConfigMap " + name + " holds " + key + ", which belongs in the Secret"));
            }
            if (!kind.equals("Deployment")) {
                continue;
            }
            deployments++;
            JsonNode pod = object.path("spec").path("template").path("spec");
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), name + " runs as non-root");
            // Only sandbox-service calls the Kubernetes API (its Jobs), under an account of its own.
            assertEquals(name.equals("sandbox-service") ? "sandbox-service" : "devbot",
                    pod.path("serviceAccountName").asText(), name + " has its service account");
            for (JsonNode container : pod.path("containers")) {
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    assertFalse(container.path(probe).isMissingNode(), name + " has a " + probe);
                }
                assertFalse(container.path("resources").path("limits").path("memory").isMissingNode(),
                        name + " has a memory limit");
                assertFalse(container.path("resources").path("requests").path("cpu").isMissingNode(),
                        name + " requests CPU");
                String image = container.path("image").asText();
                assertTrue(image.matches("[^:]+:[0-9][A-Za-z0-9._-]*"), name + " pins a version tag: " + image);
                for (JsonNode env : container.path("env")) {
                    if (SECRET_NAME.matcher(env.path("name").asText()).matches()) {
                        assertTrue(env.path("value").isMissingNode(), name + " sets the secret "
                                + env.path("name").asText() + " literally");
                    }
                }
                boolean fromSecret = false;
                for (JsonNode source : container.path("envFrom")) {
                    fromSecret |= "devbot-secrets".equals(source.path("secretRef").path("name").asText());
                }
                assertTrue(fromSecret, name + " reads its secrets from the Secret devbot-secrets");
                assertTrue(container.path("volumeMounts").toString().contains("/tmp"),
                        name + " mounts a writable /tmp (the root filesystem is read-only)");
            }
        }
        assertEquals(SERVICES.size(), deployments);
        String kustomization = Files.readString(K8S.resolve("base/kustomization.yaml"));
        assertTrue(kustomization.contains("readOnlyRootFilesystem: true"), "containers get a read-only root");
        assertTrue(kustomization.contains("allowPrivilegeEscalation: false"), "and no privilege escalation");
        assertTrue(kustomization.contains("drop: [\"ALL\"]"), "and no capabilities");
    }

    @Test
    void onlyTheGatewayIsReachableFromOutside() throws IOException {
        List<JsonNode> policies = objects().stream().filter(o -> o.path("kind").asText().equals("NetworkPolicy")).toList();
        JsonNode denyAll = policies.stream().filter(p -> p.path("spec").path("podSelector").isEmpty()
                && p.path("spec").path("ingress").isMissingNode()).findFirst().orElse(null);
        assertTrue(denyAll != null, "a default-deny policy for every pod");
        for (JsonNode policy : policies) {
            String target = policy.path("spec").path("podSelector").path("matchLabels")
                    .path("app.kubernetes.io/name").asText();
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                if (rule.path("from").isMissingNode()) {
                    assertEquals("bot-gateway", target, "only the gateway takes traffic from anywhere");
                }
            }
        }
    }

    @Test
    void everyServiceHasNonRootImagesAndComposeTakesSecretsOnlyFromTheEnvironment() throws IOException {
        for (String module : List.of("bot-gateway", "orchestrator-service", "agent-service", "billing-service",
                "project-store-service", "sandbox-service", "deploy/local/simulator")) {
            for (String variant : List.of("Dockerfile.jvm", "Dockerfile.native")) {
                String dockerfile = Files.readString(ROOT.resolve(module + "/src/main/docker/" + variant));
                var user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
                assertTrue(user.find(), module + "/" + variant + " sets a USER");
                assertFalse(List.of("root", "0").contains(user.group(1)), module + "/" + variant + " runs as non-root");
            }
        }
        String compose = Files.readString(ROOT.resolve("deploy/docker-compose.yml"));
        for (String service : List.of("kafka", "postgres", "redis", "bot-gateway", "orchestrator-service",
                "agent-service", "billing-service", "project-store-service")) {
            assertTrue(Pattern.compile("(?m)^  " + service + ":$").matcher(compose).find(), "compose runs " + service);
        }
        var settings = Pattern.compile("(?m)^\\s+([A-Z_]+):\\s*(.*)$").matcher(compose);
        while (settings.find()) {
            if (SECRET_NAME.matcher(settings.group(1)).matches()) {
                assertTrue(settings.group(2).startsWith("${"), "compose sets " + settings.group(1)
                        + " from the environment, not literally: " + settings.group(2));
            }
        }
        var images = Pattern.compile("(?m)^\\s+image:\\s*(\\S+)$").matcher(compose);
        while (images.find()) {
            assertTrue(images.group(1).matches("[^:]+:[0-9][A-Za-z0-9._-]*"), "pinned image tag: " + images.group(1));
        }
    }

    @Test
    void dockerComposeAcceptsTheComposeFileAndRefusesToRunWithoutItsSecrets() throws Exception {
        Path dir = Files.createTempDirectory("compose-env");
        List<String> keys = Files.readAllLines(ROOT.resolve("deploy/docker-compose.env.template")).stream()
                .filter(line -> line.matches("[A-Z_]+=.*")).map(line -> line.substring(0, line.indexOf('='))).toList();
        assertTrue(keys.contains("BILLING_DB_PASSWORD"), "the env template lists the secrets: " + keys);
        Path complete = dir.resolve("complete.env");
        Files.write(complete, keys.stream().map(key -> key + "=placeholder-" + key.toLowerCase()).toList());
        String services = compose(complete, 0, "config", "--services");
        for (String service : List.of("kafka", "postgres", "redis", "bot-gateway", "orchestrator-service",
                "agent-service", "billing-service", "project-store-service")) {
            assertTrue(services.lines().anyMatch(service::equals), "docker-compose sees " + service + ":\n" + services);
        }
        Path missing = dir.resolve("missing.env");
        Files.write(missing, keys.stream().filter(key -> !key.equals("BILLING_DB_PASSWORD"))
                .map(key -> key + "=placeholder").toList());
        String refused = compose(missing, 1, "config", "-q");
        assertTrue(refused.contains("set it in deploy/.env"), refused);
    }

    /** docker-compose (Debian's package, installed by devbot) with only the given env file. */
    static String compose(Path envFile, int expectedExit, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker-compose", "--env-file", envFile.toString(), "-f",
                ROOT.resolve("deploy/docker-compose.yml").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The test's own environment (devbot's secrets) must not fill in what the file leaves out.
        builder.environment().keySet().removeIf(name -> !List.of("PATH", "HOME", "LANG").contains(name));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("docker-compose is needed: deploy/local/devbot infra up installs it", e);
        }
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "docker-compose did not finish");
        assertEquals(expectedExit, process.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    static Path installValidator() throws IOException, InterruptedException {
        Path validate = K8S.resolve("validate");
        if (!Files.isDirectory(validate.resolve("node_modules/kubernetes-models"))) {
            run(validate, 300, "npm", "install", "--no-audit", "--no-fund");
        }
        return validate;
    }

    static List<Path> manifests() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("base", "sandbox")) {
            try (var walk = Files.walk(K8S.resolve(dir))) {
                walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).sorted().forEach(files::add);
            }
        }
        files.add(K8S.resolve("topics/kafka-topics.yaml"));
        return files;
    }

    static List<JsonNode> objects() throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        for (Path file : manifests()) {
            objects.addAll(read(file));
        }
        return objects;
    }

    static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull()) {
                    objects.add(node);
                }
            });
        }
        return objects;
    }

    static String run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }
}
