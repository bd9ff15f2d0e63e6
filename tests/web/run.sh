#!/usr/bin/env bash
# Browser tests of the web page. Needs Node 20+, Debian's chromium (/usr/bin/chromium or
# $CHROMIUM_BIN) and a built server: the CLI (cargo build -p migtrack-cli) or, failing that,
# the server crate's example (cargo build -p migtrack-server --example serve); $MIGTRACK_BIN
# overrides. Screenshots land in tests/web/artifacts/.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund
fi
mkdir -p artifacts
node --test --test-concurrency=1 --test-reporter=spec ./*.test.mjs
