package ai.devbot.sandbox.run;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * One command of a run: a shell command line executed by {@code /bin/sh -c} inside the sandbox (never on the
 * host), with the working directory at the project's root. {@code timeoutSeconds} shortens the run's wall-time
 * limit for this command. {@code registries}: the command may reach the allow-listed package registries through
 * the service's proxy (a setup that installs dependencies); every other command has no network at all.
 */
public record CommandSpec(
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,31}", message = "must be 1-32 lowercase letters, digits or '-'") String name,
        @NotBlank @Size(max = 4096) String command,
        @Positive Integer timeoutSeconds,
        Boolean registries) {

    public CommandSpec(String name, String command, Integer timeoutSeconds) {
        this(name, command, timeoutSeconds, null);
    }

    public boolean reachesRegistries() {
        return Boolean.TRUE.equals(registries);
    }
}
