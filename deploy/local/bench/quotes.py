#!/usr/bin/env python3
"""How good the quotes are, through the simulated Telegram (issue 21).

Against a running `devbot up` stack with the LLM simulator: users with /settings autostart 0 plan projects and
implement their tasks one by one. Before each task the simulator is scripted to reject the review 0, 1 or 2
times (seeded), so tasks take one to three attempts; then `/implement N` answers with a quote, the benchmark
presses Start and reads what the job really spent from its last message. Reports:
  * accuracy: the share of tasks whose real spend lies inside the quoted range (all, and only the quotes made
    from measured history) — target >= 80 %;
  * latency: from `/implement N` handed to the simulator until the quote message reaches the simulated Bot API
    (webhook, gateway, Kafka, orchestrator: tasks, quote, settings; Kafka, gateway) — target p50 <= 50 ms.
"""
import json
import random
import re
import statistics
import sys
import time
import urllib.request

SIM = "http://127.0.0.1:8090"
RANGE = re.compile(r"Estimated: ([\d,]+)(?:–([\d,]+))? credits")
SPENT = re.compile(r"Credits spent: ([\d,]+) credits")


def call(method, path, body=None, timeout=60, content_type="application/json"):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(SIM + path, data=data, method=method, headers={"Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        raw = response.read()
        return json.loads(raw) if raw else None


class User:
    def __init__(self, user_id):
        self.id = user_id
        actions = call("GET", f"/sim/telegram/users/{user_id}/actions?after=0")
        self.after = actions[-1]["seq"] if actions else 0

    def send(self, text):
        call("POST", f"/sim/telegram/users/{self.id}/messages", {"text": text, "firstName": "Bench"})
        return time.time() * 1000

    def press(self, data):
        call("POST", f"/sim/telegram/users/{self.id}/press", {"callbackData": data, "forged": False})

    def wait(self, wanted, patience=120):
        """The first bot message from now on containing `wanted`."""
        deadline = time.time() + patience
        while time.time() < deadline:
            for action in call("GET", f"/sim/telegram/users/{self.id}/actions?after={self.after}&wait=5", timeout=30):
                self.after = action["seq"]
                if action.get("kind") == "MESSAGE" and wanted in (action.get("text") or ""):
                    return action
        raise SystemExit(f"no '{wanted}' for user {self.id} within {patience} s")


def number(text):
    return int(text.replace(",", ""))


def button(message, label):
    for row in message.get("buttons") or []:
        for b in row:
            if b.get("text") == label:
                return b["callbackData"]
    raise SystemExit(f"no button {label!r} on {message.get('text')!r}")


def script_rejections(times):
    call("DELETE", "/sim/llm/scenarios")
    if times:
        yaml = ("rules:\n  - name: bench-reject\n    match: { operation: review }\n"
                f"    times: {times}\n    respond: {{ fault: review-reject, problem: \"the bench asks again\" }}\n")
        call("POST", "/sim/llm/scenarios", yaml.encode(), content_type="application/yaml")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    tasks_wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 21)
    base = 900_000_000 + random.randint(0, 90_000_000)
    results = []
    latencies = []
    project = 0
    try:
        while len(results) < tasks_wanted:
            user = User(base + project)
            project += 1
            user.send("/start")
            user.wait("Welcome")
            user.send(f"/newproject A quote bench CLI number {project}")
            plan = user.wait("plan ready")
            tasks = len(re.findall(r"(?m)^\d+\. ", plan["text"]))
            user.send("/settings autostart 0")
            user.wait("always show the quote")
            for task in range(1, tasks + 1):
                if len(results) >= tasks_wanted:
                    break
                rejections = rng.choice([0, 0, 0, 1, 1, 2])
                script_rejections(rejections)
                # The gateway paces a chat to Telegram's ~1 message a second: a quote sent right after the last
                # task's answer would wait for that, which is not the quote's latency.
                time.sleep(1.2)
                sent = user.send(f"/implement {task}")
                quote = user.wait("Nothing is spent until you press")
                latencies.append(quote["at"] - sent)
                found = RANGE.search(quote["text"])
                low = number(found.group(1))
                high = number(found.group(2) or found.group(1))
                measured = "from what similar tasks have cost" in quote["text"]
                user.press(button(quote, "▶ Start"))
                spent = number(SPENT.search(user.wait("Credits spent:")["text"]).group(1))
                results.append((low, high, spent, measured, rejections))
                print(f"task {len(results):3d}: quoted {low:>6}–{high:<6} spent {spent:>6} "
                      f"{'in ' if low <= spent <= high else 'OUT'} {'measured' if measured else 'first estimate'}"
                      f" ({rejections} rejections)", flush=True)
    finally:
        call("DELETE", "/sim/llm/scenarios")

    def share(rows):
        return 100.0 * sum(1 for low, high, spent, _, _ in rows if low <= spent <= high) / len(rows) if rows else 0.0

    measured = [row for row in results if row[3]]
    print()
    print(f"accuracy: {share(results):5.1f} % of {len(results)} tasks inside their quoted range "
          f"({share(measured):5.1f} % of the {len(measured)} quoted from history)")
    spends = [row[2] for row in results]
    print(f"spend per task: p10 {percentile(spends, 10)}  p50 {percentile(spends, 50)}  p90 {percentile(spends, 90)}"
          f"  max {max(spends)} credits")
    print(f"quote latency (/implement N -> quote message): n={len(latencies)} p50={percentile(latencies, 50):.1f} ms"
          f"  p90={percentile(latencies, 90):.1f} ms  max={max(latencies):.1f} ms  mean={statistics.mean(latencies):.1f} ms")


if __name__ == "__main__":
    main()
