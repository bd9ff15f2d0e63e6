#!/usr/bin/env bash
# Scale benchmark (issue 10): `bench/scale.sh N` builds N unique synthetic documents from the
# shared news corpus (paragraphs of different articles, seeded; never committed), ingests them
# into a fresh store with the release binary, adds 10 more documents and the same 10 again,
# times the API queries (status, speakers, events?target=, quotes?q=, search, facts, timeline)
# and prints the table. The store and corpus go to SCALE_DIR (default /dev/shm/migtrack-scale-N,
# RAM-backed: about 14 KB of database a document) and are deleted at the end unless
# SCALE_KEEP=1 (SCALE_REUSE=1 measures the 10 new documents and the queries on the kept store
# of an earlier run instead of ingesting again). SCALE_BATCH=B then also feeds the same N
# documents into a second store B at a time (one `migtrack ingest` process a batch, or with
# SCALE_FEED=serve one `POST /api/documents` a batch to one running server) and compares the
# feed with the bulk ingest; SCALE_CPUS=1|2 pins the bulk ingest to that many cores; SCALE_RUNS=K
# repeats the bulk ingest K times into fresh stores and reports the median run. The report
# is also written to bench/runs/<date>-<machine>/scale-N.md.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:?usage: bench/scale.sh N}"
[ "${SCALE_SKIP_BUILD:-0}" = 1 ] || cargo build --release --quiet -p migtrack-cli
machine="$(nproc)cpu-$(awk '/MemTotal/{printf "%d", $2/1048576 + 0.99}' /proc/meminfo)g"
out="bench/runs/$(date -u +%Y-%m-%d)-${machine}"
mkdir -p "$out"
work="${SCALE_DIR:-/dev/shm/migtrack-scale-$count}"
[ "${SCALE_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
python3 bench/scale.py "$count" "$work" | tee "$out/scale-$count${SCALE_LABEL:+-$SCALE_LABEL}.md"
