package ai.devbot.sandbox.runner;

import java.util.List;
import java.util.SortedMap;

import ai.devbot.sandbox.run.CommandSpec;
import ai.devbot.sandbox.run.Limits;

/**
 * What to run: whose project (setup caches are kept per owner), its files (relative, already confined paths), the
 * commands, the limits.
 */
public record RunPlan(String runId, long ownerId, SortedMap<String, byte[]> files, byte[] archive,
        List<CommandSpec> commands, Limits limits) {
}
