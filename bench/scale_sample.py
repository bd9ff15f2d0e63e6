#!/usr/bin/env python3
"""Sample a running ingest (issue 10: what grows over a bulk ingest) from /proc: memory
(VmHWM, RssAnon, RssFile, RssShmem), CPU (utime + stime), bytes written (wchar) and the
documents committed so far (max(id) of a short read-only connection), with the 1-minute load.
Waits for a `migtrack … ingest` process whose command line names DB, samples it every
INTERVAL seconds until it exits, one tab-separated line a sample.

usage: scale_sample.py DB [INTERVAL] [EVERY_N_SAMPLES_COUNT_DOCUMENTS]
"""
import os
import sqlite3
import sys
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def find(db):
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if args and b"migtrack" in args[0] and b"ingest" in args and \
                str(db).encode() in args:
            return int(pid)
    return None


def status(pid):
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem"):
            fields[key] = int(value.split()[0]) // 1024
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(stat[11]) + int(stat[12])) / TICK
    wchar = 0
    for line in Path(f"/proc/{pid}/io").read_text().splitlines():
        if line.startswith("wchar:"):
            wchar = int(line.split()[1])
    return fields, cpu, wchar


def committed(db):
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        value = conn.execute("SELECT max(id) FROM documents").fetchone()[0]
        conn.close()
        return value
    except sqlite3.Error:
        return None


def main():
    db = Path(sys.argv[1]).resolve()
    interval = float(sys.argv[2]) if len(sys.argv) > 2 else 5
    docs_every = int(sys.argv[3]) if len(sys.argv) > 3 else 6
    pid = None
    while pid is None:
        pid = find(db) or find(sys.argv[1])
        time.sleep(0.2)
    print("utc\tdocs\tVmHWM\tVmRSS\tRssAnon\tRssFile\tRssShmem\tcpu_s\twchar_GB\tload1", flush=True)
    n = 0
    while True:
        try:
            fields, cpu, wchar = status(pid)
        except OSError:
            break
        docs = committed(db) if n % docs_every == 0 else ""
        load = Path("/proc/loadavg").read_text().split()[0]
        print(f"{time.strftime('%H:%M:%S', time.gmtime())}\t{docs}\t{fields.get('VmHWM')}\t"
              f"{fields.get('VmRSS')}\t{fields.get('RssAnon')}\t{fields.get('RssFile')}\t"
              f"{fields.get('RssShmem')}\t{cpu:.1f}\t{wchar / 1e9:.3f}\t{load}", flush=True)
        n += 1
        time.sleep(interval)


if __name__ == "__main__":
    main()
