package ai.devbot.gateway.reply;

/** Model-like Markdown for rendering and splitting tests: what an Architect answer looks like. */
final class ModelAnswers {

    private ModelAnswers() {
    }

    static final String SECTION = """
            ## Task %1$d — storage layer for habits & reminders

            The **storage** module keeps habits in SQLite. Each habit has a *name*, a schedule and a
            streak counter; reminders fire when `now >= next_due` and the user hasn't checked in.

            | Column | Type | Notes |
            |---|---|---:|
            | id | INTEGER | primary key |
            | name | TEXT | unique, < 64 chars |
            | streak | INTEGER | ≥ 0 |

            1. Create the schema
               - `habits` table
               - `checkins` table with a foreign key
            2. Write the repository
               1. `add(name)` → id
               2. `check_in(id, day)` is idempotent
            3. Tests 🧪

            ```python
            import sqlite3
            from dataclasses import dataclass


            @dataclass
            class Habit:
                id: int
                name: str
                streak: int = 0


            def due(habits, now):
                return [h for h in habits if h.streak < 7 and now.hour >= 9]  # <, & and > stay text
            ```

            > Review: make `check_in` safe to call twice — a retry must not double the streak.

            Links: [SQLite docs](https://sqlite.org/docs.html) · emoji ✅🔥 · math 2 < 3 && 4 > 1.

            """;

    /** About 10,000+ characters: several Telegram messages. */
    static final String LONG_ANSWER = buildLong();

    private static String buildLong() {
        var text = new StringBuilder("# Habit Tracker — implementation notes\n\n");
        for (int task = 1; text.length() < 10_500; task++) {
            text.append(SECTION.formatted(task));
        }
        return text.toString();
    }

    /** One code block far over a message: must be cut inside, closed and reopened. */
    static String hugeCodeBlock() {
        var code = new StringBuilder("```java\n");
        for (int line = 0; line < 400; line++) {
            code.append("    int value").append(line).append(" = compute(").append(line).append(") < limit ? 1 : 2; // & more\n");
        }
        return code.append("```\n").toString();
    }
}
