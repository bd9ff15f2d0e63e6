#!/usr/bin/env python3
"""The scale benchmark's driver (run through bench/scale.sh): build N synthetic documents,
ingest them with the release binary, add 10 more and the same 10 again, then time the API
queries issue 10 lists and print one markdown report.

Bytes written are the `wchar` of /proc/self/io (reaped children's IO is added to the parent's),
so they count every write(2)/pwrite(2) the ingest made, also on tmpfs where the block layer
sees nothing. CPU is user + system time of the ingest process.
"""
import contextlib
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(os.environ.get("SCALE_BIN", HERE.parent / "target" / "release" / "migtrack"))
# SCALE_CPUS=N: the bulk ingest runs on the first N cores only (taskset) with N rayon threads,
# so the speed-up of two cores over one can be measured on one machine.
CPUS = int(os.environ.get("SCALE_CPUS", "0"))
# SCALE_BATCH=B: after the bulk ingest, feed the same N documents into a second, fresh store
# in batches of B (one `migtrack ingest` process a batch, as a feed on a timer would) and
# report the feed's cost beside the bulk ingest's, and whether both stores hold the same
# documents, facts and status table.
BATCH = int(os.environ.get("SCALE_BATCH", "0"))
# SCALE_FEED=serve: the batches go to one running `migtrack serve` as `POST /api/documents`
# (a feed reader posting what it fetched) instead of one `migtrack ingest` process a batch.
FEED = os.environ.get("SCALE_FEED", "ingest")
RUNS = int(os.environ.get("SCALE_RUNS", "1"))
RUN_NOTE = []
QUERIES = [
    ("status", "/api/status"),
    ("speakers", "/api/speakers"),
    ("events?target=gcm", "/api/events?target=gcm"),
    ("quotes?q=Narnia", "/api/quotes?q=Narnia"),
    ("search the", "/api/search?q=the"),
    ("facts", "/api/facts"),
    ("timeline", "/api/timeline"),
]


def io_written(pid="self"):
    """Bytes a process has written (`wchar` of /proc/PID/io)."""
    for line in Path(f"/proc/{pid}/io").read_text().splitlines():
        if line.startswith("wchar:"):
            return int(line.split()[1])
    return 0


def run(args, cpus=0):
    """Run a command; its wall seconds, CPU seconds, peak RSS (KiB), bytes written, stdout."""
    env = None
    if cpus:
        args = ["taskset", "-c", f"0-{cpus - 1}"] + list(args)
        env = dict(os.environ, RAYON_NUM_THREADS=str(cpus))
    # The peak RSS of this command alone (getrusage's children maximum also counts the corpus
    # generator, a larger Python process).
    args = ["/usr/bin/time", "-f", "maxrss_kib=%M"] + list(args)
    before_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before_io = io_written()
    start = time.perf_counter()
    result = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-2000:])
        raise SystemExit(f"failed ({result.returncode}): {' '.join(map(str, args))}")
    cpu = (usage.ru_utime - before_usage.ru_utime) + (usage.ru_stime - before_usage.ru_stime)
    rss = int(result.stderr.rsplit("maxrss_kib=", 1)[1].split()[0])
    return wall, cpu, rss, io_written() - before_io, result.stdout


def db_bytes(db):
    return sum(p.stat().st_size for p in [db, Path(f"{db}-wal")] if p.exists())


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def feed_in_batches(manifest, work, batch):
    """Ingest the manifest's documents into a fresh store `batch` at a time; the summed wall
    and CPU seconds, the largest peak RSS (KiB), the summed bytes written and the store."""
    db = work / "feed.db"
    for path in [db, Path(f"{db}-wal"), Path(f"{db}-shm")]:
        path.unlink(missing_ok=True)
    chunk = work / f"batch-{batch}.jsonl"
    totals = [0.0, 0.0, 0, 0]  # wall, CPU, peak RSS, bytes written

    def ingest(lines):
        chunk.write_text("".join(lines))
        w, c, r, b, _ = run([BIN, "--quiet", "--db", db, "ingest", "--manifest", chunk])
        totals[:] = [totals[0] + w, totals[1] + c, max(totals[2], r), totals[3] + b]

    in_batches(manifest, batch, ingest)
    chunk.unlink(missing_ok=True)
    return (*totals, db)


def in_batches(manifest, batch, handle):
    """Hand the manifest's lines to `handle`, `batch` at a time, with progress on stderr."""
    started, done = time.perf_counter(), 0
    with manifest.open() as source:
        lines = []
        for line in source:
            lines.append(line)
            if len(lines) == batch:
                handle(lines)
                done += len(lines)
                lines = []
                if done % (batch * 100) == 0:
                    sys.stderr.write(f"feed: {done} documents in {time.perf_counter() - started:.0f} s\n")
        if lines:
            handle(lines)


def proc_cpu_and_hwm(pid):
    """CPU seconds (user + system) and peak RSS (KiB) of a live process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    hwm = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1])
    return cpu, hwm


def feed_via_server(manifest, work, batch):
    """Post the manifest's documents to one `migtrack serve`, `batch` at a time, into a fresh
    store; the wall seconds of posting, the server's CPU seconds and peak RSS (KiB), the
    bytes it wrote, and the store."""
    db = work / "feed.db"
    for path in [db, Path(f"{db}-wal"), Path(f"{db}-shm")]:
        path.unlink(missing_ok=True)
    empty = work / "empty.jsonl"
    empty.write_text("")
    run([BIN, "--quiet", "--db", db, "ingest", "--manifest", empty])  # create the store
    token = "scale-benchmark"
    with served(db, "--token", token, "--post-per-minute", "1000000") as (server, base):
        cpu_before, _ = proc_cpu_and_hwm(server.pid)
        written_before = io_written(server.pid)

        def post(lines):
            body = "[" + ",".join(line.strip() for line in lines) + "]"
            request = urllib.request.Request(
                base + "/api/documents", data=body.encode(), method="POST",
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
            with urllib.request.urlopen(request, timeout=600) as response:
                answer = json.loads(response.read())
            if answer.get("error"):
                raise SystemExit(f"feed: {answer['error']} documents refused")

        started = time.perf_counter()
        in_batches(manifest, batch, post)
        wall = time.perf_counter() - started
        cpu, hwm = proc_cpu_and_hwm(server.pid)
        written = io_written(server.pid)
        return wall, cpu - cpu_before, hwm, written - written_before, db


def store_summary(db):
    """Documents, facts and the status table (JSON) of a store, to compare two stores."""
    documents = run([BIN, "--quiet", "--db", db, "export", "--kind", "documents", "--format", "jsonl"])[4].count("\n")
    facts = run([BIN, "--quiet", "--db", db, "export", "--kind", "facts", "--format", "jsonl"])[4].count("\n")
    status = run([BIN, "--quiet", "--db", db, "status", "--format", "json"])[4]
    return documents, facts, status


@contextlib.contextmanager
def served(db, *args):
    """`migtrack serve` on the store at a free local port, once it answers: (process, base URL)."""
    port = free_port()
    server = subprocess.Popen(
        [BIN, "--quiet", "serve", "--db", db, "--listen", f"127.0.0.1:{port}", *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield server, base
    finally:
        server.terminate()
        server.wait()


def time_queries(db, repeats):
    with served(db) as (_, base):
        rows = []
        for label, path in QUERIES:
            times, size = [], 0
            for attempt in range(repeats + 2):
                start = time.perf_counter()
                with urllib.request.urlopen(base + path, timeout=120) as response:
                    size = len(response.read())
                if attempt >= 2:  # two warm-ups
                    times.append((time.perf_counter() - start) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            rows.append((label, statistics.median(times), p95, size))
        return rows


def main():
    count, work = int(sys.argv[1]), Path(sys.argv[2])
    repeats = int(os.environ.get("SCALE_REPEATS", "20"))
    corpus = Path(os.environ.get("SCALE_CORPUS", HERE.parent.parent / "shared/corpus/news"))
    work.mkdir(parents=True, exist_ok=True)
    manifest, extra, db = work / f"docs-{count}.jsonl", work / "extra-10.jsonl", work / "scale.db"
    reuse = os.environ.get("SCALE_REUSE") == "1" and db.exists()
    if not reuse:
        for path in [db, Path(f"{db}-wal"), Path(f"{db}-shm")]:
            path.unlink(missing_ok=True)
    gen = [sys.executable, HERE / "scale_corpus.py"]
    if not manifest.exists():
        subprocess.run(gen + [str(count), corpus, manifest], check=True)
    # SCALE_REUSE=1: the store of an earlier run (built by an older binary: it migrates on
    # open); the 10 new documents get a fresh seed so they are new to it.
    extra_seed = count + 7 + (int(time.time()) if reuse else 0)
    subprocess.run(gen + ["10", corpus, extra, str(extra_seed)], check=True)

    if reuse:
        # Open once so the migration (and the relink it may ask for) is not timed below.
        run([BIN, "--quiet", "--db", db, "status"])
        wall = cpu = rss = written = 0
    else:
        # SCALE_RUNS=K: the bulk ingest K times, each into a fresh store; the run with the
        # median CPU is the one reported (short runs on a shared host vary by ±25%).
        runs = []
        for attempt in range(max(1, RUNS)):
            if attempt:
                for path in [db, Path(f"{db}-wal"), Path(f"{db}-shm")]:
                    path.unlink(missing_ok=True)
            runs.append(run([BIN, "--quiet", "--db", db, "ingest", "--manifest", manifest], CPUS))
        ordered = sorted(runs, key=lambda r: r[1])
        wall, cpu, rss, written, _ = ordered[len(ordered) // 2]
        if len(runs) > 1:
            ms = [f"{r[1] * 1000 / count:.2f}" for r in runs]
            sys.stderr.write(f"CPU ms/doc of {len(runs)} runs: {' '.join(ms)}\n")
            RUN_NOTE.append(f"CPU ms/doc of the {len(runs)} bulk ingests, in order: {', '.join(ms)}; "
                            f"the table shows the median one.")
    size = db_bytes(db)
    documents, facts, status = store_summary(db)
    feed = None
    if BATCH and not reuse:
        feed = feed_via_server if FEED == "serve" else feed_in_batches
        feed_wall, feed_cpu, feed_rss, feed_written, feed_db = feed(manifest, work, BATCH)
        feed = (feed_wall, feed_cpu, feed_rss, feed_written, db_bytes(feed_db)) + store_summary(feed_db)
    add_wall, add_cpu, _, add_written, _ = run([BIN, "--quiet", "--db", db, "ingest", "--manifest", extra])
    again_wall, again_cpu, _, again_written, _ = run([BIN, "--quiet", "--db", db, "ingest", "--manifest", extra])
    status_wall = run([BIN, "--quiet", "--db", db, "status"])[0]
    queries = time_queries(db, repeats)

    mib = 1024 * 1024
    print(f"# Scale benchmark: {count} documents ({time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}, "
          f"{os.cpu_count()} cores{f', ingest on {CPUS}' if CPUS else ''}, git {subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True, cwd=HERE).stdout.strip()})")
    print()
    print(f"Store: {work} · {documents} documents stored · {facts} facts")
    print()
    print("| docs | ingest docs/s | CPU ms/doc | peak RSS | DB size | bytes written | written / DB |")
    print("|---|---|---|---|---|---|---|")
    if reuse:
        print(f"| {count} | (store reused from an earlier run) | | | {size / mib:.0f} MiB | | |")
    else:
        print(f"| {count} | {count / wall:.0f} | {cpu * 1000 / count:.2f} | {rss / 1024:.0f} MiB | "
              f"{size / mib:.0f} MiB | {written / 1e9:.2f} GB | {written / max(size, 1):.1f}× |")
    for note in RUN_NOTE:
        print()
        print(note)
    if feed:
        feed_wall, feed_cpu, feed_rss, feed_written, feed_size, feed_docs, feed_facts, feed_status = feed
        print()
        how = ("`POST /api/documents` requests to one `migtrack serve`" if FEED == "serve"
               else "`migtrack ingest` processes")
        print(f"Fed in batches of {BATCH} ({-(-count // BATCH)} {how}) into a fresh store:")
        print()
        print("| same documents | wall s | CPU s | peak RSS | DB size | bytes written | documents | facts |")
        print("|---|---|---|---|---|---|---|---|")
        print(f"| one bulk ingest | {wall:.1f} | {cpu:.1f} | {rss / 1024:.0f} MiB | {size / mib:.0f} MiB | "
              f"{written / 1e9:.2f} GB | {documents} | {facts} |")
        print(f"| batches of {BATCH} | {feed_wall:.1f} | {feed_cpu:.1f} | {feed_rss / 1024:.0f} MiB | "
              f"{feed_size / mib:.0f} MiB | {feed_written / 1e9:.2f} GB | {feed_docs} | {feed_facts} |")
        print(f"| batches / bulk | {feed_wall / wall:.2f}× | {feed_cpu / cpu:.2f}× | | | "
              f"{feed_written / max(written, 1):.2f}× | | |")
        print()
        print(f"The two stores' status tables are {'identical' if feed_status == status else 'DIFFERENT'}.")
    print()
    print("| incremental ingest | seconds | CPU s | bytes written |")
    print("|---|---|---|---|")
    print(f"| 10 new documents | {add_wall:.3f} | {add_cpu:.3f} | {add_written / mib:.1f} MiB |")
    print(f"| the same 10 again | {again_wall:.3f} | {again_cpu:.3f} | {again_written / mib:.1f} MiB |")
    print(f"| `migtrack status` (whole command) | {status_wall:.3f} | | |")
    print()
    print(f"| API query ({repeats} runs after 2 warm-ups) | p50 ms | p95 ms | response bytes |")
    print("|---|---|---|---|")
    for label, p50, p95, size in queries:
        print(f"| {label} | {p50:.1f} | {p95:.1f} | {size} |")


if __name__ == "__main__":
    main()
