package ai.devbot.projectstore.project;

import java.time.Instant;
import java.util.List;

/** A user's project as the API shows it. */
public record Project(long id, long ownerId, String title, String idea, String summary, List<String> techStack,
        String architecture, String status, Instant createdAt, Instant updatedAt) {
}
