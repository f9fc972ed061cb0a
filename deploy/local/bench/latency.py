#!/usr/bin/env python3
"""The platform's own latency as a user sees it, through the simulated Telegram.

Measures, against a running `devbot up` stack with the LLM simulator answering instantly:
  * /status: from the moment the user's message is handed to the simulator (which posts the webhook)
    until the bot's reply reaches the simulated Telegram — webhook, gateway, Kafka, orchestrator (Redis,
    billing, project-store), Kafka, gateway, Bot API;
  * /newproject: from the message to the plan message — the same path plus the plan job (its step
    messages, the reservation, the agent-service and its simulated model call, charging, project-store).
The simulator's answers take well under a millisecond, so these are the platform's overhead.
"""
import json
import random
import statistics
import sys
import time
import urllib.request

SIM = "http://127.0.0.1:8090"


def call(method, path, body=None, timeout=60):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(SIM + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        raw = response.read()
        return json.loads(raw) if raw else None


def last_seq(user):
    actions = call("GET", f"/sim/telegram/users/{user}/actions?after=0")
    return actions[-1]["seq"] if actions else 0


def exchange(user, text, wanted, patience=60):
    """Sends text; answers the milliseconds until the first bot message containing `wanted`."""
    after = last_seq(user)
    sent = time.time() * 1000
    call("POST", f"/sim/telegram/users/{user}/messages", {"text": text, "firstName": "Bench"})
    deadline = time.time() + patience
    while time.time() < deadline:
        for action in call("GET", f"/sim/telegram/users/{user}/actions?after={after}&wait=5", timeout=30):
            after = action["seq"]
            if action.get("kind") == "MESSAGE" and wanted in (action.get("text") or ""):
                return action["at"] - sent
    raise SystemExit(f"no '{wanted}' for user {user} within {patience} s")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def report(name, values):
    print(f"{name:<34} n={len(values):<4} p50={percentile(values, 50):7.1f} ms  p90={percentile(values, 90):7.1f} ms"
          f"  p99={percentile(values, 99):7.1f} ms  max={max(values):7.1f} ms  mean={statistics.mean(values):7.1f} ms")


def main():
    status_samples = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    plan_samples = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    base = 300_000 + random.randint(0, 600_000)
    users = [base + i for i in range(6)]

    plans = []
    for i, user in enumerate(users):
        exchange(user, "/start", "Welcome")
        plans.append(exchange(user, f"/newproject A note-taking CLI number {i}", "plan ready"))
    # More plans from fresh users (one per user: the per-chat send pacing stays out of the figures).
    for i in range(max(0, plan_samples - len(users))):
        user = base + 100 + i
        exchange(user, "/start", "Welcome")
        plans.append(exchange(user, f"/newproject A habit tracker number {i}", "plan ready"))

    statuses = []
    warmup = 20
    # Every user with a project answers /status, each at most once per 3.5 s: the gateway paces a chat to
    # Telegram's ~1 message/s, and the orchestrator refuses a user's 21st command within a minute.
    with_projects = users + [base + 100 + i for i in range(max(0, plan_samples - len(users)))]
    for i in range(status_samples + warmup):
        user = with_projects[i % len(with_projects)]
        time.sleep(max(0.0, 3.5 / len(with_projects)))
        latency = exchange(user, "/status", "tasks done")
        if i >= warmup:
            statuses.append(latency)

    report("/status → reply", statuses)
    report("/newproject → plan message", plans)


if __name__ == "__main__":
    main()
