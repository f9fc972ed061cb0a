package ai.devbot.sandbox.run;

import java.time.Duration;

/** The limits one run executes under, after the request's wishes were clamped to the service's maximum. */
public record Limits(Duration wallTime, Duration cpuTime, int memoryMb, int processes, int openFiles, int diskMb,
        long outputBytes) {
}
