package ai.devbot.sandbox.run;

import jakarta.validation.constraints.Positive;

/** Limits a caller asks for; any left out take the service's defaults, any above its maximum are clamped. */
public record LimitsRequest(@Positive Integer wallSeconds, @Positive Integer cpuSeconds, @Positive Integer memoryMb,
        @Positive Integer processes, @Positive Integer diskMb, @Positive Integer outputKb) {
}
