#!/usr/bin/env python3
"""Code in and out, against the local service (devbot up). In: a 500-file, ~5 MB zip is uploaded, imported
and indexed; per round the upload, the import (archive checked, files and history written) and the time
until a search answers from the imported files (by their words) and until every chunk is embedded. Out: the git bundle of a 50-task history
(10 files per task on top of the 500). Median and range over the rounds. Model time (the architect's
onboarding) is not part of it. Usage: import_bench.py [ROUNDS]"""
import base64, io, json, os, random, statistics, sys, time, urllib.request, uuid, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import TOPICS, module  # noqa: E402  (the same generated Python modules as the other benchmarks)

BASE = os.environ.get("PROJECT_STORE_URL", "http://127.0.0.1:8085")
AUTH = "Basic " + base64.b64encode(("service:" + os.environ["DEVBOT_SERVICE_PASSWORD"]).encode()).decode()
FILES, TARGET_BYTES = 500, 5 * 1024 * 1024


def call(method, path, body=None, content_type="application/json"):
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method,
                                     headers={"Authorization": AUTH, "Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=1800) as response:
        return json.loads(response.read() or b"null")


def archive():
    per_file = TARGET_BYTES // FILES
    out = io.BytesIO()
    total = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zip_file:
        for i in range(FILES):
            topic = TOPICS[i % len(TOPICS)]
            text = module(topic, i, functions_per_file=1)
            n = 1
            while len(text) < per_file:
                n += 1
                text = module(topic, i, functions_per_file=n)
            total += len(text)
            zip_file.writestr(f"bench-main/app/{topic.split()[0]}/module_{i}.py", text)
    return out.getvalue(), total


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    if rounds == 0:  # the history export alone, on a small imported project
        owner = random.randint(10**9, 2 * 10**9)
        small = io.BytesIO()
        with zipfile.ZipFile(small, "w") as zip_file:
            zip_file.writestr("app/main.py", "print('hi')\n")
        upload = call("POST", f"/api/v1/uploads?ownerId={owner}&uploadKey=bench-{uuid.uuid4()}&fileName=app.zip",
                      small.getvalue(), "application/zip")
        project = call("POST", "/api/v1/imports", {"ownerId": owner, "uploadId": upload["id"],
                                                   "creationKey": f"bench-{uuid.uuid4()}"})["project"]["id"]
        history(5, owner, project)
        return
    data, unpacked = archive()
    print(f"archive: {FILES} files, {unpacked / 1024 / 1024:.1f} MB unpacked, {len(data) / 1024:.0f} KiB zipped\n")
    results = []
    for _ in range(rounds):
        owner = random.randint(10**9, 2 * 10**9)
        started = time.monotonic()
        upload = call("POST", f"/api/v1/uploads?ownerId={owner}&uploadKey=bench-{uuid.uuid4()}&fileName=bench-main.zip",
                      data, "application/zip")
        uploaded = time.monotonic()
        imported = call("POST", "/api/v1/imports", {"ownerId": owner, "uploadId": upload["id"],
                                                    "creationKey": f"bench-{uuid.uuid4()}"})
        project = imported["project"]["id"]
        done_import = time.monotonic()
        hits = call("GET", f"/api/v1/projects/{project}/search?ownerId={owner}&q=shipping%20labels&k=1")
        assert hits and hits[0]["path"].startswith("app/shipping/"), hits
        searchable = time.monotonic()
        refreshed = call("POST", f"/api/v1/projects/{project}/index/refresh?ownerId={owner}")
        embedded = time.monotonic()
        results.append((uploaded - started, done_import - uploaded, searchable - started, embedded - started,
                        refreshed["chunks"]))
    print("| round | upload | import | searchable (from upload) | fully embedded (from upload) | chunks |")
    print("| --- | --- | --- | --- | --- | --- |")
    for n, (up, imp, ready, full, chunks) in enumerate(results, 1):
        print(f"| {n} | {up:.2f} s | {imp:.2f} s | {ready:.1f} s | {full:.1f} s | {chunks} |")
    for name, index in (("upload", 0), ("import", 1), ("searchable", 2), ("fully embedded", 3)):
        values = [r[index] for r in results]
        print(f"{name}: median {statistics.median(values):.2f} s, range {min(values):.2f}–{max(values):.2f} s")
    history(rounds, owner, project)


def history(rounds, owner, project):
    """50 tasks on the last imported project, each writing 10 files, then the bundle timed."""
    tasks = [{"title": f"Task {n}", "description": "d", "acceptanceCriteria": ["c"]} for n in range(1, 51)]
    call("POST", f"/api/v1/projects/{project}/tasks?ownerId={owner}", {"appendId": "bench", "tasks": tasks})
    for n in range(1, 51):
        edits = [{"kind": "write", "path": f"tasks/task_{n}/file_{k}.py", "content": module(TOPICS[k], n * 10 + k)}
                 for k in range(10)]
        call("POST", f"/api/v1/projects/{project}/edits?ownerId={owner}",
             {"batchId": f"bench-task-{n}", "taskNumber": n, "attempt": 1, "edits": edits})
    # The tasks' files are being embedded in the background; let that finish so it does not share the cores.
    call("POST", f"/api/v1/projects/{project}/index/refresh?ownerId={owner}")
    times, size = [], 0
    for _ in range(max(rounds, 5)):
        started = time.monotonic()
        request = urllib.request.Request(f"{BASE}/api/v1/projects/{project}/history/bundle?ownerId={owner}",
                                         headers={"Authorization": AUTH})
        with urllib.request.urlopen(request, timeout=600) as response:
            size = len(response.read())
        times.append(time.monotonic() - started)
    print(f"\nhistory of 51 commits (import + 50 tasks, 1,000 files), bundle {size / 1024:.0f} KiB: "
          f"median {statistics.median(times):.2f} s, range {min(times):.2f}–{max(times):.2f} s")


if __name__ == "__main__":
    main()
