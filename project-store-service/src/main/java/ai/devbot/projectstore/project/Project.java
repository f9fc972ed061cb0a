package ai.devbot.projectstore.project;

import java.time.Instant;
import java.util.List;

/** A user's project as the API shows it; {@code checks} is null until a plan declared them. */
public record Project(long id, long ownerId, String title, String idea, String summary, List<String> techStack,
        String architecture, Checks checks, String status, Instant createdAt, Instant updatedAt) {

    /** What the sandbox runs: {@code setup} prepares (may be empty), {@code check} runs the tests. */
    public record Checks(String setup, String check) {

        static final int MAX_COMMAND = 1000;

        /** Refuses checks the sandbox could not take, saying why. */
        public Checks validated() {
            if (check == null || check.isBlank()) {
                throw new IllegalArgumentException("checks.check (the command that runs the tests) is required");
            }
            for (String command : new String[] { setup, check }) {
                if (command != null && (command.length() > MAX_COMMAND || command.indexOf('\0') >= 0)) {
                    throw new IllegalArgumentException("check commands are at most " + MAX_COMMAND + " characters of text");
                }
            }
            return new Checks(setup == null ? "" : setup.strip(), check.strip());
        }
    }
}
