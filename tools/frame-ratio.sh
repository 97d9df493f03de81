#!/usr/bin/env bash
# Desktop frame cost against the limit (issue 14): the game's street map and a bare window
# (the same Bevy and egui set-up with one label), measured back to back in one run under
# one Xvfb screen, with the same binary. Prints each and the ratio (budget: 1.5).
#   tools/frame-ratio.sh [SECONDS] [BINARY]
# A benchmark, not a test: the figures depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-5}
bin=${2:-${CARGO_TARGET_DIR:-target}/debug/haeju-trader}
[ -x "$bin" ] || { echo "no binary at $bin (cargo build first)" >&2; exit 2; }
run() {
  xvfb-run -a -s "-screen 0 1280x720x24" "$bin" play --frame-stats "$secs" "$@" 2>/dev/null |
    sed -n 's/^frame time mean: \([0-9.]*\) ms.*/\1/p'
}
# Each twice, alternating, so that a slow moment of the machine falls on both.
b1=$(run --bare); g1=$(run); b2=$(run --bare); g2=$(run)
awk -v b1="$b1" -v b2="$b2" -v g1="$g1" -v g2="$g2" 'BEGIN {
  b = (b1 + b2) / 2; g = (g1 + g2) / 2
  printf "bare window (one label): %.2f ms a frame (runs: %s, %s)\n", b, b1, b2
  printf "street map:              %.2f ms a frame (runs: %s, %s)\n", g, g1, g2
  printf "ratio street map / bare: %.2f (budget 1.50)\n", g / b
}'
