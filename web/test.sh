#!/usr/bin/env bash
# The browser test: builds the bundle (PROFILE=web-fast by default: the same code, built
# in a third of the time of the size-optimized `web` profile), then plays the start of
# level 1 in headless Debian Chromium. Prints "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE=${PROFILE:-web-fast} web/build.sh
# The class view's test plays five sessions with the native game (the build `cargo test`
# made; built here if it is missing).
HAEJU_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/haeju-trader"
[ -x "$HAEJU_BIN" ] || cargo build --quiet --ignore-rust-version
export HAEJU_BIN
[ -x /usr/bin/chromium ] || { apt-get update -q && apt-get install -y -q --no-install-recommends chromium; }
cd web
npm ci --no-audit --no-fund --silent
node browser-test.mjs
