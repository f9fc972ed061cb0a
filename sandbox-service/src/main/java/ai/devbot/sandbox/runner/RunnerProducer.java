package ai.devbot.sandbox.runner;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import ai.devbot.sandbox.config.SandboxConfig;
import ai.devbot.sandbox.runner.kubernetes.ArchiveTokens;
import ai.devbot.sandbox.runner.kubernetes.KubernetesRunner;
import ai.devbot.sandbox.runner.kubernetes.KubernetesSettings;
import ai.devbot.sandbox.runner.local.BubblewrapRunner;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The runner {@code sandbox.runner} names. */
@ApplicationScoped
public class RunnerProducer {

    @Produces
    @ApplicationScoped
    SandboxRunner runner(SandboxConfig config, Instance<KubernetesClient> kubernetes, ArchiveTokens tokens) {
        if (config.runner().equals("kubernetes")) {
            SandboxConfig.Kubernetes k = config.kubernetes();
            return new KubernetesRunner(kubernetes.get(), new KubernetesSettings(k.namespace(), k.image(),
                    k.runtimeClassName(), k.archiveBaseUrl(), k.startTimeout(), k.pollInterval(), k.finishedTtl(),
                    config.tailBytes()), tokens);
        }
        if (!config.runner().equals("local")) {
            throw new IllegalStateException("sandbox.runner=" + config.runner() + " is unknown; use local or kubernetes");
        }
        SandboxConfig.Local local = config.local();
        Map<String, String> environment = new LinkedHashMap<>();
        for (String pair : local.environment().orElse(List.of())) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalStateException("sandbox.local.environment entries are NAME=value, not '" + pair + "'");
            }
            environment.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new BubblewrapRunner(new BubblewrapRunner.Settings(Path.of(local.root()), local.uidBase(),
                config.maxConcurrentRuns(), config.queueWait(), config.tailBytes(), local.bwrap(),
                local.readOnlyPaths(), local.path(), environment, local.cgroups(), config.setup().registries(),
                config.setup().maxDownloadMb() * 1024L * 1024L, config.setup().cacheEntryMb() * 1024L * 1024L,
                config.setup().cacheMb() * 1024L * 1024L));
    }
}
