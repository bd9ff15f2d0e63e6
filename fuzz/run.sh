#!/usr/bin/env bash
# Build every fuzz target with libFuzzer's coverage instrumentation on the stable toolchain and
# run each for SECONDS (default 60), its corpus seeded from the shared news corpus and the HTML
# benchmark. See RELIABILITY.md, section 11.
#
#   fuzz/run.sh [SECONDS] [TARGET...]
#
# Stable rustc accepts the sancov pass and its LLVM options (checked with rustc 1.95 without
# RUSTC_BOOTSTRAP); no sanitizer is used (the crates forbid `unsafe`), so no nightly toolchain
# is needed. RUSTC_BOOTSTRAP=1 is set as cargo-fuzz sets it, should a dependency test for it.
# Crashes land in fuzz/artifacts/<target>/; the corpora in fuzz/corpus/<target>/ (not committed).
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_EACH="${1:-60}"
shift || true
ALL=(clean decode dates extract feed warc manifest_line)
TARGETS=("${@:-${ALL[@]}}")
SHARED="${MIGTRACK_SHARED:-../../shared}"
SEEDS_PER_SOURCE="${SEEDS_PER_SOURCE:-200}"
HOST="$(rustc -vV | sed -n 's/^host: //p')"

export RUSTC_BOOTSTRAP=1
export RUSTFLAGS="-Cpasses=sancov-module \
 -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
 -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares \
 --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
# --target keeps the instrumentation off build scripts and proc macros.
cargo build --release --locked --target "$HOST" --bins
BIN="target/$HOST/release"

# Seeds: the first SEEDS_PER_SOURCE files of each source that fits the target.
seed() { # seed DIR FILE...
  local dir="$1"; shift
  mkdir -p "$dir"
  local file
  for file in "$@"; do
    [ -f "$file" ] && cp -n "$file" "$dir/$(basename "$file")" 2>/dev/null || true
  done
}
list() { # list DIR PATTERN: up to SEEDS_PER_SOURCE files, sorted
  [ -d "$1" ] && find "$1" -type f -name "$2" -size -256k | sort | head -n "$SEEDS_PER_SOURCE" || true
}
mapfile -t NEWS < <(list "$SHARED/corpus/news" '*')
mapfile -t HTML < <(list "$SHARED/bench/article-extraction/html" '*')
mapfile -t FEEDS < <(list ../testdata '*.xml'; list ../testdata '*.rss'; list ../testdata '*.atom')
mapfile -t WARCS < <(list ../testdata '*.warc')
mapfile -t MANIFESTS < <(list ../testdata '*.jsonl')

status=0
for target in "${TARGETS[@]}"; do
  corpus="corpus/$target"
  case "$target" in
    clean|decode) seed "$corpus" "${NEWS[@]}" "${HTML[@]}" ;;
    dates|extract) seed "$corpus" "${NEWS[@]}" ;;
    feed) seed "$corpus" "${FEEDS[@]}" ;;
    warc) seed "$corpus" "${WARCS[@]}" ;;
    manifest_line)
      mkdir -p "$corpus"
      if [ "${#MANIFESTS[@]}" -gt 0 ]; then
        cat "${MANIFESTS[@]}" | head -n "$SEEDS_PER_SOURCE" | split -l 1 - "$corpus/line-"
      fi
      ;;
  esac
  mkdir -p "artifacts/$target"
  echo "== $target: ${SECONDS_EACH}s, $(find "$corpus" -type f | wc -l) inputs in its corpus"
  if ! "$BIN/$target" "$corpus" -max_total_time="$SECONDS_EACH" -max_len=65536 \
      -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="artifacts/$target/" 2> "artifacts/$target.log"; then
    status=1
    echo "!! $target found a crash or a timeout: see fuzz/artifacts/$target/"
  fi
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added)|^#[0-9]+.*DONE|^==[0-9]+== ERROR|panicked' \
    "artifacts/$target.log" | tail -n 5 || true
done
exit "$status"
