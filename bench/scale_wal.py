#!/usr/bin/env python3
"""Where an ingest's writes go, b-tree by b-tree (issue 10, item 4: write amplification).

Ingests MANIFEST into STORE_DIR/scale.db (made first by an ingest of its first FIRST lines)
while a reader holds the snapshot of the start, so no checkpoint can reset the WAL and every
page the ingest wrote stays in it as a frame. Then counts the WAL's frames per page and
attributes pages to tables and indexes with `dbstat` (of the final database; a page that
changed owner during the run counts for its last owner). Prints, per b-tree: its pages at the
end, the frames written for it and frames per page (how many transactions rewrote an average
page of it), largest first.

usage: scale_wal.py MANIFEST STORE_DIR [FIRST]
"""
import os
import sqlite3
import struct
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(os.environ.get("SCALE_BIN", HERE.parent / "target" / "release" / "migtrack"))


def ingest(db, manifest):
    subprocess.run([BIN, "--quiet", "--db", db, "ingest", "--manifest", manifest], check=True)


def main():
    manifest, work = Path(sys.argv[1]), Path(sys.argv[2])
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    work.mkdir(parents=True, exist_ok=True)
    db = work / "scale.db"
    for suffix in ["", "-wal", "-shm"]:
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    lines = manifest.read_text().splitlines(keepends=True)
    head, rest = work / "head.jsonl", work / "rest.jsonl"
    head.write_text("".join(lines[:first]))
    rest.write_text("".join(lines[first:]))
    ingest(db, head)
    reader = sqlite3.connect(db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM sqlite_master").fetchall()
    ingest(db, rest)
    wal = Path(f"{db}-wal").read_bytes()
    reader.execute("COMMIT")
    page_size = struct.unpack(">I", wal[8:12])[0]
    frames = Counter()
    at = 32
    while at + 24 + page_size <= len(wal):
        frames[struct.unpack(">I", wal[at:at + 4])[0]] += 1
        at += 24 + page_size
    owner = {}
    pages = Counter()
    for name, pageno in reader.execute("SELECT name, pageno FROM dbstat"):
        owner[pageno] = name
        pages[name] += 1
    written = Counter()
    for pageno, count in frames.items():
        written[owner.get(pageno, "(free or gone)")] += count
    total = sum(frames.values())
    db_pages = sum(pages.values())
    print(f"{len(lines) - first} documents ingested after {first}; WAL {total} frames "
          f"({total * page_size / 1e6:.0f} MB) for a database of {db_pages} pages "
          f"({db_pages * page_size / 1e6:.0f} MB), page size {page_size}")
    print()
    print("| b-tree | pages at the end | frames written | MB written | frames / page |")
    print("|---|---|---|---|---|")
    for name, count in written.most_common(25):
        print(f"| {name} | {pages[name]} | {count} | {count * page_size / 1e6:.1f} | "
              f"{count / max(pages[name], 1):.1f} |")


if __name__ == "__main__":
    main()
