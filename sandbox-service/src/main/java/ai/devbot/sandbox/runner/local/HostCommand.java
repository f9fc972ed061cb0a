package ai.devbot.sandbox.runner.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the runner's own fixed host tools (mount, umount, kill) with an empty environment and a deadline.
 * Never given model-written text: every argument here is built by the runner.
 */
final class HostCommand {

    record Result(int exitCode, String output) {
    }

    private HostCommand() {
    }

    static Result run(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        Process process = builder.start();
        process.getOutputStream().close();
        try {
            byte[] output = process.getInputStream().readNBytes(4096);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in 10 s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8).strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }

    /** Runs the command and fails with its output unless it exits 0. */
    static void require(List<String> command) throws IOException {
        Result result = run(command);
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + result.exitCode() + "): "
                    + result.output());
        }
    }
}
