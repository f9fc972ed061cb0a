package ai.devbot.billing.usage.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What work has really cost, read from the charges: per task (every call and run a task's attempts made
 * within one job, across all users) for quotes before work starts, and per project for one user's statement.
 */
@ApplicationScoped
public class SpendHistory {

    /**
     * Spend per task over the newest {@code tasks} tasks (of one implementer model, or of any when null):
     * quantiles in credits, and implement calls per task.
     */
    public record TaskSpend(int tasks, long p10, long p50, long p90, long max, double implementCallsPerTask) {
    }

    public record ProjectSpend(long projectId, long credits, long calls) {
    }

    private static final String TASK_SPEND = """
            WITH task AS (
                SELECT sum(cost) AS spent, count(*) FILTER (WHERE operation = 'implement') AS implement_calls,
                       max(occurred_at) AS last
                FROM billing.usage_charge
                WHERE task_number IS NOT NULL AND job_id IS NOT NULL
                  AND occurred_at > now() - make_interval(days => $1)
                GROUP BY job_id, task_number
                HAVING $3::text IS NULL OR bool_or(operation = 'implement' AND model = $3::text)
                ORDER BY last DESC
                LIMIT $2)
            SELECT count(*) AS tasks,
                   percentile_disc(0.1) WITHIN GROUP (ORDER BY spent) AS p10,
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY spent) AS p50,
                   percentile_disc(0.9) WITHIN GROUP (ORDER BY spent) AS p90,
                   max(spent) AS max, avg(implement_calls) AS implement_calls
            FROM task""";

    private static final String PROJECT_SPEND = """
            SELECT project_id, sum(cost) AS credits, count(*) AS calls
            FROM billing.usage_charge
            WHERE user_id = $1 AND project_id IS NOT NULL
            GROUP BY project_id
            ORDER BY credits DESC
            LIMIT $2""";

    private final Pool pool;

    public SpendHistory(Pool pool) {
        this.pool = pool;
    }

    public Uni<TaskSpend> perTask(int days, int tasks, String implementerModel) {
        return pool.preparedQuery(TASK_SPEND).execute(Tuple.of(days, tasks, implementerModel)).map(rows -> {
            Row row = rows.iterator().next();
            int count = row.getLong("tasks").intValue();
            if (count == 0) {
                return new TaskSpend(0, 0, 0, 0, 0, 0);
            }
            return new TaskSpend(count, row.getLong("p10"), row.getLong("p50"), row.getLong("p90"), row.getLong("max"),
                    row.getNumeric("implement_calls").doubleValue());
        });
    }

    public Uni<List<ProjectSpend>> perProject(long userId, int projects) {
        return pool.preparedQuery(PROJECT_SPEND).execute(Tuple.of(userId, projects)).map(rows -> {
            List<ProjectSpend> spend = new ArrayList<>();
            rows.forEach(row -> spend.add(new ProjectSpend(row.getLong("project_id"), row.getLong("credits"),
                    row.getLong("calls"))));
            return spend;
        });
    }
}
