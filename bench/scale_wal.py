#!/usr/bin/env python3
"""Where an ingest's writes go, b-tree by b-tree (issue 10, item 4: write amplification).

Ingests MANIFEST into STORE_DIR/scale.db (made first by an ingest of its first FIRST lines)
while a reader holds the snapshot of the start, so no checkpoint can reset the WAL and every
page the ingest wrote stays in it as a frame. Then reads the WAL's frames in order and
attributes pages to tables and indexes with `dbstat` (of the final database; a page that
changed owner during the run counts for its last owner).

What `bench/scale.sh` counts is the WAL frames plus what the checkpoints copy into the
database file. The checkpoints are simulated on the frame sequence: SQLite checkpoints after
the first commit that leaves at least CHECKPOINT_FRAMES frames in the WAL (the store's
`wal_autocheckpoint`), copying each page once (its last frame), and the WAL starts again; the
close at the end checkpoints the rest. Prints, per b-tree: its pages at the end, the frames
written for it, frames per page (how many transactions rewrote an average page of it), the
pages the simulated checkpoints copy, and its share of all bytes written, largest first.

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
CHECKPOINT_FRAMES = int(os.environ.get("CHECKPOINT_FRAMES", "131072"))


def ingest(db, manifest):
    subprocess.run([BIN, "--quiet", "--db", db, "ingest", "--manifest", manifest], check=True)


def frames_of(wal_path):
    """(page number, commit?) of every frame of the WAL, in order."""
    with open(wal_path, "rb") as wal:
        header = wal.read(32)
        page_size = struct.unpack(">I", header[8:12])[0]
        salt = header[16:24]
        while True:
            frame = wal.read(24)
            if len(frame) < 24 or frame[8:16] != salt:
                return
            wal.seek(page_size, 1)
            pageno, size_after_commit = struct.unpack(">II", frame[:8])
            yield pageno, size_after_commit != 0


def main():
    manifest, work = Path(sys.argv[1]), Path(sys.argv[2])
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    work.mkdir(parents=True, exist_ok=True)
    db = work / "scale.db"
    wal_path = Path(f"{db}-wal")
    for suffix in ["", "-wal", "-shm"]:
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    lines = manifest.read_text().splitlines(keepends=True)
    head, rest = work / "head.jsonl", work / "rest.jsonl"
    head.write_text("".join(lines[:first]))
    rest.write_text("".join(lines[first:]))
    del lines
    ingest(db, head)
    reader = sqlite3.connect(db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM sqlite_master").fetchall()
    ingest(db, rest)
    # The reader lets go of its snapshot but stays open, so the WAL is not checkpointed away
    # while it is read.
    reader.execute("COMMIT")
    with open(wal_path, "rb") as wal:
        page_size = struct.unpack(">I", wal.read(32)[8:12])[0]
    owner = {}
    pages = Counter()
    for name, pageno in reader.execute("SELECT name, pageno FROM dbstat"):
        owner[pageno] = name
        pages[name] += 1
    written = Counter()
    copied = Counter()
    segment, in_segment, checkpoints, total, commits = set(), 0, 0, 0, 0
    for pageno, commit in frames_of(wal_path):
        written[owner.get(pageno, "(free or gone)")] += 1
        segment.add(pageno)
        in_segment += 1
        total += 1
        commits += commit
        if commit and in_segment >= CHECKPOINT_FRAMES:
            for page in segment:
                copied[owner.get(page, "(free or gone)")] += 1
            segment, in_segment = set(), 0
            checkpoints += 1
    for page in segment:
        copied[owner.get(page, "(free or gone)")] += 1
    checkpoints += 1
    db_pages = sum(pages.values())
    all_bytes = (total + sum(copied.values())) * page_size
    print(f"documents after the first {first}; {commits} commits, WAL {total} frames "
          f"({total * page_size / 1e9:.2f} GB), {checkpoints} checkpoints (every "
          f"{CHECKPOINT_FRAMES} frames) copying {sum(copied.values())} pages "
          f"({sum(copied.values()) * page_size / 1e9:.2f} GB): {all_bytes / 1e9:.2f} GB for a "
          f"database of {db_pages} pages ({db_pages * page_size / 1e6:.0f} MB, "
          f"{all_bytes / (db_pages * page_size):.1f}×), page size {page_size}")
    print()
    print("| b-tree | pages at the end | WAL frames | frames / page | checkpoint copies | "
          "MB written | share |")
    print("|---|---|---|---|---|---|---|")
    both = Counter(written)
    both.update(copied)
    for name, count in both.most_common(int(os.environ.get("SCALE_WAL_ROWS", "30"))):
        print(f"| {name} | {pages[name]} | {written[name]} | "
              f"{written[name] / max(pages[name], 1):.1f} | {copied[name]} | "
              f"{count * page_size / 1e6:.1f} | {100 * count * page_size / all_bytes:.1f}% |")


if __name__ == "__main__":
    main()
