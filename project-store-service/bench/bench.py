#!/usr/bin/env python3
"""project-store benchmarks against the local service (devbot up): archive time of a 500-file
project, embedding throughput, search latency over ~5,000 chunks, and the context endpoint's
tokens and recall as a project grows from 10 to 500 files. Edit-batch throughput runs with wrk
(see run.sh). Prints a Markdown table per measurement."""
import base64, json, os, random, statistics, sys, time, urllib.request, urllib.parse

BASE = os.environ.get("PROJECT_STORE_URL", "http://127.0.0.1:8085")
AUTH = "Basic " + base64.b64encode(("service:" + os.environ["DEVBOT_SERVICE_PASSWORD"]).encode()).decode()
random.seed(17)

TOPICS = ["invoice totals and tax", "user login sessions", "image thumbnails", "email newsletters", "search ranking",
          "inventory stock levels", "shipping labels", "payment refunds", "calendar events", "chat messages",
          "file uploads", "audit logging", "rate limiting", "currency conversion", "password resets",
          "product reviews", "coupon codes", "report exports", "geolocation lookup", "webhook retries"]
VERBS = ["load", "save", "validate", "format", "compute", "merge", "filter", "sort", "render", "sync"]


def call(method, path, body=None, raw=False):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method,
                                     headers={"Authorization": AUTH, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=600) as response:
        payload = response.read()
        return payload if raw else json.loads(payload or b"null")


def module(topic, index, functions_per_file=6):
    words = topic.split()
    name = "_".join(words)
    functions = []
    for n in range(functions_per_file):
        verb = VERBS[(index + n) % len(VERBS)] + ("" if n < len(VERBS) else str(n))
        functions.append(f'''def {verb}_{name}_{index}(items, options=None):
    """{verb.capitalize()} the {topic} for module {index}."""
    result = []
    for item in items:
        if options and item.get("skip"):
            continue
        result.append({{"{words[0]}": item, "step": "{verb}"}})
    return result
''')
    return f'"""Helpers for {topic}."""\n\nimport json\n\n\n' + "\n\n".join(functions)


NEEDLE = ("habits/sqlite_store.py", '''"""Persistence of habits."""

import sqlite3


def save_habit_to_database(connection, habit_name, schedule):
    connection.execute("INSERT INTO habits (name, schedule) VALUES (?, ?)", (habit_name, schedule))
    connection.commit()
''')


def new_project(files):
    owner = random.randint(10**9, 2 * 10**9)
    project = call("POST", "/api/v1/projects", {"ownerId": owner, "title": f"Bench {len(files)} files"})["id"]
    items = list(files.items())
    for start in range(0, len(items), 250):
        edits = [{"kind": "write", "path": p, "content": c} for p, c in items[start:start + 250]]
        call("POST", f"/api/v1/projects/{project}/edits?ownerId={owner}", {"batchId": f"seed-{start}", "edits": edits})
    return project, owner


def generated(count, needle=True, functions_per_file=6):
    files = {}
    for i in range(count - (1 if needle else 0)):
        topic = TOPICS[i % len(TOPICS)]
        files[f"app/{topic.split()[0]}/module_{i}.py"] = module(topic, i, functions_per_file)
    if needle:
        files[NEEDLE[0]] = NEEDLE[1]
    return files


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def archive_time():
    project, owner = new_project(generated(500, needle=False))
    call("POST", f"/api/v1/projects/{project}/index/refresh?ownerId={owner}")  # let background indexing finish
    times, size = [], 0
    for _ in range(5):
        started = time.perf_counter()
        size = len(call("GET", f"/api/v1/projects/{project}/archive?ownerId={owner}", raw=True))
        times.append((time.perf_counter() - started) * 1000)
    print(f"| archive of a 500-file project ({size / 1024:.0f} KiB zip) | median {statistics.median(times):.0f} ms, "
          f"best {min(times):.0f} ms (5 runs) |")
    return project, owner


def embedding_and_search():
    # Seeding starts the index in the background; the explicit refresh waits for it and finishes it.
    started = time.perf_counter()
    project, owner = new_project(generated(340, needle=False, functions_per_file=30))
    chunks = call("POST", f"/api/v1/projects/{project}/index/refresh?ownerId={owner}")["chunks"]
    elapsed = time.perf_counter() - started
    print(f"| embedding, from the first batch to a complete index (2 cores) | {chunks} chunks in {elapsed:.0f} s = "
          f"{chunks / elapsed:.0f} chunks/s |")
    queries = [f"how do we {random.choice(VERBS)} the {random.choice(TOPICS)}" for _ in range(200)]
    latencies = []
    for q in queries:
        t = time.perf_counter()
        call("GET", f"/api/v1/projects/{project}/search?ownerId={owner}&k=5&q=" + urllib.parse.quote(q))
        latencies.append((time.perf_counter() - t) * 1000)
    latencies = latencies[20:]
    print(f"| search over {chunks} chunks (k=5, 180 queries after 20 warm-up) | p50 {pct(latencies, 50):.1f} ms, "
          f"p99 {pct(latencies, 99):.1f} ms |")


def context_growth():
    print("\n| files | chunks | context tokens (budget 4,000) | file tree | needle file in context |")
    print("| --- | --- | --- | --- | --- |")
    for count in [10, 50, 100, 250, 500]:
        project, owner = new_project(generated(count))
        chunks = call("POST", f"/api/v1/projects/{project}/index/refresh?ownerId={owner}")["chunks"]
        context = call("POST", f"/api/v1/projects/{project}/context?ownerId={owner}",
                       {"query": "store a new habit in the sqlite database", "budgetTokens": 4000})
        found = any(c["path"] == NEEDLE[0] for c in context["chunks"])
        rank = next((i + 1 for i, c in enumerate(context["chunks"]) if c["path"] == NEEDLE[0]), None)
        tree = f"{len(context['fileTree'])} lines" + (" (truncated)" if context["fileTreeTruncated"] else "")
        print(f"| {count} | {chunks} | {context['tokens']} | {tree} | {'yes, rank ' + str(rank) if found else 'NO'} |")


if __name__ == "__main__":
    print("| measurement | figure |\n| --- | --- |")
    archive_time()
    embedding_and_search()
    context_growth()
