package ai.devbot.projectstore.index;

import java.util.LinkedHashMap;
import java.util.Map;

/** A small habit-tracker codebase whose files each do one recognisable thing. */
final class SeededProject {

    private SeededProject() {
    }

    static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("habits/storage.py", """
                import sqlite3


                def connect(path="habits.db"):
                    return sqlite3.connect(path)


                def save_habit(db, name, schedule):
                    db.execute("INSERT INTO habits (name, schedule) VALUES (?, ?)", (name, schedule))
                    db.commit()


                def load_habits(db):
                    return db.execute("SELECT name, schedule FROM habits").fetchall()
                """);
        files.put("habits/cli.py", """
                import argparse


                def parse_arguments(argv):
                    parser = argparse.ArgumentParser(prog="habits")
                    parser.add_argument("command", choices=["add", "list", "report"])
                    parser.add_argument("--name")
                    return parser.parse_args(argv)
                """);
        files.put("habits/report.py", """
                from datetime import date, timedelta


                def weekly_summary(checkins, today):
                    start = today - timedelta(days=7)
                    done = [c for c in checkins if c.day >= start]
                    return {"days": len({c.day for c in done}), "total": len(done)}


                def longest_streak(days):
                    best = current = 0
                    for previous, day in zip(days, days[1:]):
                        current = current + 1 if day - previous == timedelta(days=1) else 0
                        best = max(best, current)
                    return best + 1 if days else 0
                """);
        files.put("habits/reminders.py", """
                import smtplib


                def send_reminder(email, habit):
                    message = f"Subject: Time for {habit}\\n\\nDon't break your streak today!"
                    with smtplib.SMTP("localhost") as mail:
                        mail.sendmail("bot@habits.local", [email], message)
                """);
        files.put("README.md", """
                # Habit tracker

                Track daily habits from the command line and get a weekly summary.
                """);
        return files;
    }
}
