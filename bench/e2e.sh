#!/usr/bin/env bash
# End-to-end benchmark: release build, then time `migtrack extract` and `migtrack ingest` over
# the shared news corpus (245 articles) and the bundled samples, and write the results to
# bench/runs/<date>-<machine>/e2e.md. Needs ../shared beside the clone for the corpus part.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p migtrack-cli
bin=target/release/migtrack
shared=../shared
machine="$(nproc)cpu-$(awk '/MemTotal/{printf "%d", $2/1048576 + 0.99}' /proc/meminfo)g"
out="bench/runs/$(date +%Y-%m-%d)-${machine}"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

measure() { # label, command...
  local label="$1"; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$tmp/rss" "$@" >"$tmp/out" 2>"$tmp/err" || true
  end=$(date +%s.%N)
  printf '| %s | %.3f | %s |\n' "$label" "$(echo "$end - $start" | bc)" "$(( $(cat "$tmp/rss") / 1024 ))"
}

{
  echo "# End-to-end benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m), rustc $(rustc --version | cut -d' ' -f2))"
  echo
  echo "| run | seconds | peak RSS MiB |"
  echo "|---|---|---|"
  measure "demo (8 bundled samples, fresh db)" "$bin" --db "$tmp/demo.db" --quiet demo
  if [ -f "$shared/corpus/news/index.jsonl" ]; then
    words=$(cat "$shared"/corpus/news/*/*.txt | wc -w)
    measure "extract, news corpus (245 docs, $words words) → /dev/null" "$bin" --quiet extract --manifest "$shared/corpus/news/index.jsonl"
    measure "ingest, news corpus (fresh db)" "$bin" --db "$tmp/corpus.db" --quiet ingest --manifest "$shared/corpus/news/index.jsonl"
    measure "ingest again (all duplicates)" "$bin" --db "$tmp/corpus.db" --quiet ingest --manifest "$shared/corpus/news/index.jsonl"
    # A larger stream: the corpus 20 times under different names (exact duplicates after the first).
    mkdir -p "$tmp/many"
    for i in $(seq 1 20); do
      sed "s#\"file\": \"#\"file\": \"$(realpath "$shared/corpus/news")/#" "$shared/corpus/news/index.jsonl" > "$tmp/many/m$i.jsonl"
    done
    measure "ingest 20 × corpus manifests (4,900 docs, 4,655 duplicates)" "$bin" --db "$tmp/many.db" --quiet ingest "$tmp/many"
  fi
} | tee "$out/e2e.md"
