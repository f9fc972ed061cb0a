#!/usr/bin/env python3
"""N users send /newproject at once while the simulated Architect takes D ms for every plan.

Reports, for each user, the time from sending /newproject to the plan message reaching the simulated
Telegram (first, p50, p90, max, and max against D); users whose plan did not come or who got an error;
/status round trips of other users while the plans are in flight; and the highest live-thread count and
heap use of the orchestrator and the agent-service seen meanwhile (sampled from /q/metrics).

Times come from the simulator's own clock (each bot action's `at`), so polling does not blur them.
Run through concurrent-plans.sh, which starts the stack with Telegram's bot-wide send limit raised.
"""
import json
import random
import re
import statistics
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

SIM = "http://127.0.0.1:8090"
SERVICES = {"orchestrator": "http://127.0.0.1:8082", "agent-service": "http://127.0.0.1:8083"}
ERRORS = ("reference", "try again", "could not", "not answering", "not enough credits", "already have")


def call(method, url, body=None, timeout=60, content_type="application/json"):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        raw = response.read()
        return json.loads(raw) if raw and response.headers.get_content_type() == "application/json" else raw


def say(user, text):
    sent = time.time() * 1000
    call("POST", f"{SIM}/sim/telegram/users/{user}/messages", {"text": text, "firstName": "Bench"})
    return sent


def last_seq(user):
    actions = call("GET", f"{SIM}/sim/telegram/users/{user}/actions?after=0")
    return actions[-1]["seq"] if actions else 0


def await_message(user, after, wanted, patience):
    """The first bot message after `after` containing `wanted`: (its time, None), or (None, what came instead)."""
    deadline = time.time() + patience
    while time.time() < deadline:
        for action in call("GET", f"{SIM}/sim/telegram/users/{user}/actions?after={after}&wait=5", timeout=30):
            after = action["seq"]
            text = action.get("text") or ""
            if action.get("kind") == "MESSAGE" and wanted in text:
                return action["at"], None
            if action.get("kind") in ("MESSAGE", "EDIT") and any(word in text.lower() for word in ERRORS):
                return None, text[:160]
    return None, f"nothing with '{wanted}' within {patience} s"


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Sampler(threading.Thread):
    """The most live threads and heap in use each service showed while the run lasted."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak = {name: {"threads": 0, "heap_mb": 0.0} for name in SERVICES}
        self.running = True

    def run(self):
        while self.running:
            for name, base in SERVICES.items():
                try:
                    text = call("GET", f"{base}/q/metrics", timeout=5).decode()
                except Exception:
                    continue
                threads = sum(float(v) for v in re.findall(r'^jvm_threads_live_threads(?:\{[^}]*\})? (\S+)', text, re.M))
                heap = sum(float(v) for v in re.findall(r'^jvm_memory_used_bytes\{[^}]*area="heap"[^}]*\} (\S+)', text, re.M))
                peak = self.peak[name]
                peak["threads"] = max(peak["threads"], int(threads))
                peak["heap_mb"] = max(peak["heap_mb"], heap / 1024 / 1024)
            time.sleep(0.5)


class StatusProbe(threading.Thread):
    """Other users' /status round trips, one chat at a time within Telegram's per-chat pace."""

    def __init__(self, users):
        super().__init__(daemon=True)
        self.users = users
        self.samples = []
        self.running = True

    def run(self):
        i = 0
        while self.running:
            user = self.users[i % len(self.users)]
            i += 1
            after = last_seq(user)
            sent = say(user, "/status")
            at, problem = await_message(user, after, "", 30)  # a user without a project: any answer will do
            if at is not None:
                self.samples.append(at - sent)
            time.sleep(max(0.0, 1.1 / len(self.users)))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    delay_ms = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    base = 2_000_000 + random.randint(0, 5_000_000)
    users = [base + i for i in range(n)]
    probes = [base + n + i for i in range(6)]

    call("DELETE", f"{SIM}/sim/llm/scenarios")
    yaml = f"rules:\n  - {{ name: slow-plans, match: {{ operation: plan }}, respond: {{ delayMs: {delay_ms} }} }}\n"
    call("POST", f"{SIM}/sim/llm/scenarios", yaml.encode(), content_type="application/yaml")

    with ThreadPoolExecutor(64) as pool:
        def welcome(user):
            after = last_seq(user)
            say(user, "/start")
            at, problem = await_message(user, after, "Welcome", 120)
            if at is None:
                raise SystemExit(f"user {user} got no welcome: {problem}")
            return last_seq(user)
        started = time.time()
        seqs = dict(zip(users + probes, pool.map(welcome, users + probes)))
        print(f"{n + len(probes)} users welcomed in {time.time() - started:.1f} s")

        sampler = Sampler()
        sampler.start()
        status = StatusProbe(probes)
        status.start()
        time.sleep(3)  # a few /status samples before the wave, for comparison
        idle_status = list(status.samples)

        sent = {}
        def newproject(user):
            sent[user] = say(user, f"/newproject A habit tracker for user {user}")
        wave = time.time()
        list(pool.map(newproject, users))
        print(f"{n} /newproject sent in {time.time() - wave:.1f} s")
        results = list(pool.map(lambda user: await_message(user, seqs[user], "plan ready", 300), users))
        status.running = False
        sampler.running = False
        status.join(timeout=35)

    times = [at - sent[user] for user, (at, _) in zip(users, results) if at is not None]
    problems = [problem for at, problem in results if at is None]
    loaded_status = status.samples[len(idle_status):]
    print(f"\nN = {n} users, D = {delay_ms} ms (every plan answer delayed by D)")
    if times:
        print(f"/newproject → plan message   first {min(times):7.0f} ms   p50 {percentile(times, 50):7.0f} ms"
              f"   p90 {percentile(times, 90):7.0f} ms   max {max(times):7.0f} ms   max/D {max(times) / delay_ms:.2f}")
    print(f"plans missing or failed: {len(problems)}" + (f" — e.g. {problems[0]}" if problems else ""))
    if idle_status:
        print(f"/status before the wave     n={len(idle_status):<4} p50 {percentile(idle_status, 50):6.0f} ms")
    if loaded_status:
        print(f"/status during the wave     n={len(loaded_status):<4} p50 {percentile(loaded_status, 50):6.0f} ms"
              f"   p90 {percentile(loaded_status, 90):6.0f} ms   max {max(loaded_status):6.0f} ms")
    for name, peak in sampler.peak.items():
        print(f"{name:<14} peak live threads {peak['threads']:5d}   peak heap used {peak['heap_mb']:6.0f} MB")
    call("DELETE", f"{SIM}/sim/llm/scenarios")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
