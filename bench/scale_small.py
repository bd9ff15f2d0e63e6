#!/usr/bin/env python3
"""Time small ingests into a kept scale store (issue 10's "10 new documents into a large store
in under 0.3 s"): for each of RUNS runs, copy the store of an earlier `SCALE_KEEP=1
bench/scale.sh N` run, ingest N_NEW documents new to it (a fresh seed each run, generated
before the clock starts) with the release binary, and report wall and CPU seconds (min,
median, max), peak RSS and the 1-minute load average around the runs. The copies go next to
the store and are deleted after each run, so the store itself is never changed.

usage: scale_small.py STORE_DIR [RUNS] [N_NEW]
  STORE_DIR  the SCALE_DIR of the kept run (holds scale.db)
  SCALE_BIN  the binary (default target/release/migtrack)
"""
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(os.environ.get("SCALE_BIN", HERE.parent / "target" / "release" / "migtrack"))


def load():
    return float(Path("/proc/loadavg").read_text().split()[0])


def main():
    store = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    new = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    corpus = Path(os.environ.get("SCALE_CORPUS", HERE.parent.parent / "shared/corpus/news"))
    db = store / "scale.db"
    walls, cpus, rsses, loads = [], [], [], []
    for run in range(runs):
        copy = store / f"small-{os.getpid()}"
        copy.mkdir(exist_ok=True)
        try:
            for suffix in ["", "-wal"]:
                if Path(f"{db}{suffix}").exists():
                    shutil.copyfile(f"{db}{suffix}", copy / f"scale.db{suffix}")
            manifest = copy / "new.jsonl"
            seed = 1_000_003 * (run + 1) + int(time.time())
            subprocess.run([sys.executable, HERE / "scale_corpus.py", str(new), corpus, manifest, str(seed)],
                           check=True)
            loads.append(load())
            before = os.times()
            start = time.perf_counter()
            result = subprocess.run(["/usr/bin/time", "-f", "maxrss_kib=%M", BIN, "--quiet", "--db",
                                     copy / "scale.db", "ingest", "--manifest", manifest],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            walls.append(time.perf_counter() - start)
            after = os.times()
            if result.returncode != 0:
                raise SystemExit(result.stderr[-2000:])
            cpus.append((after.children_user - before.children_user)
                        + (after.children_system - before.children_system))
            rsses.append(int(result.stderr.rsplit("maxrss_kib=", 1)[1].split()[0]) / 1024)
            loads.append(load())
        finally:
            shutil.rmtree(copy)

    def spread(values, fmt):
        return f"{fmt.format(min(values))} / {fmt.format(statistics.median(values))} / {fmt.format(max(values))}"

    print(f"| {new} new documents into {store} ({runs} runs) | min / median / max |")
    print("|---|---|")
    print(f"| wall s | {spread(walls, '{:.3f}')} |")
    print(f"| CPU s (user + sys) | {spread(cpus, '{:.3f}')} |")
    print(f"| peak RSS MiB | {spread(rsses, '{:.0f}')} |")
    print(f"| 1-minute load average | {min(loads):.2f}–{max(loads):.2f} |")


if __name__ == "__main__":
    main()
