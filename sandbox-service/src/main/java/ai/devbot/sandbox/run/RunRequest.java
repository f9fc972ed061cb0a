package ai.devbot.sandbox.run;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Run these commands on the owner's project as project-store has it now. {@code runId} is the idempotency
 * key: the same id always answers the one execution it started. {@code jobId} (optional) is the job the run's
 * usage is billed to (its open reservation).
 */
public record RunRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}", message = "must be 1-128 letters, digits or . _ : -") String runId,
        @NotNull @Positive Long ownerId,
        @NotNull @Positive Long projectId,
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}", message = "must be 1-128 letters, digits or . _ : / -") String jobId,
        @NotEmpty @Size(max = 8) List<@NotNull @Valid CommandSpec> commands,
        @Valid LimitsRequest limits) {
}
