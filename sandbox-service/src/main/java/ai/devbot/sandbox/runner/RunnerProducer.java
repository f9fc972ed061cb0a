package ai.devbot.sandbox.runner;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import ai.devbot.sandbox.config.SandboxConfig;
import ai.devbot.sandbox.runner.local.BubblewrapRunner;

/** The runner {@code sandbox.runner} names. */
@ApplicationScoped
public class RunnerProducer {

    @Produces
    @ApplicationScoped
    SandboxRunner runner(SandboxConfig config) {
        if (!config.runner().equals("local")) {
            throw new IllegalStateException("sandbox.runner=" + config.runner()
                    + " is not available in this build; use 'local'");
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
