package ai.devbot.sandbox.run.service;

import java.time.Duration;

import ai.devbot.sandbox.config.SandboxConfig;
import ai.devbot.sandbox.run.Limits;
import ai.devbot.sandbox.run.LimitsRequest;

/** A request's limits: its wishes, else the defaults, never above the maximum. */
final class LimitResolver {

    private LimitResolver() {
    }

    static Limits resolve(LimitsRequest wish, SandboxConfig.LimitSettings defaults, SandboxConfig.LimitSettings max) {
        LimitsRequest w = wish == null ? new LimitsRequest(null, null, null, null, null, null) : wish;
        return new Limits(
                Duration.ofSeconds(pick(w.wallSeconds(), defaults.wallTime().toSeconds(), max.wallTime().toSeconds())),
                Duration.ofSeconds(pick(w.cpuSeconds(), defaults.cpuTime().toSeconds(), max.cpuTime().toSeconds())),
                (int) pick(w.memoryMb(), defaults.memoryMb(), max.memoryMb()),
                (int) pick(w.processes(), defaults.processes(), max.processes()),
                Math.min(defaults.openFiles(), max.openFiles()),
                (int) pick(w.diskMb(), defaults.diskMb(), max.diskMb()),
                pick(w.outputKb(), defaults.outputKb(), max.outputKb()) * 1024L);
    }

    private static long pick(Integer wish, long fallback, long max) {
        return Math.min(wish == null ? fallback : wish, max);
    }
}
