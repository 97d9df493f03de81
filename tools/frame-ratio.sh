#!/usr/bin/env bash
# Desktop frame cost against the limit (issue 14): the game's street map against a bare
# Bevy + egui window with one label, measured back to back in one run under one Xvfb
# screen, with the same binary. Two yardsticks:
#   - stock: the window as Bevy and egui come (Camera2d with Bevy's 2D render schedule and
#     default multisampling, bevy_egui's own shader): the issue's "bare Bevy + egui window";
#   - lean: the window drawn exactly as the game draws (egui straight into the swap chain,
#     the game's shader, no multisampling): what the game's own content costs on top.
# Prints each and both ratios (budget: 1.5 against the stock window).
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
# Each twice, interleaved, so that a slow moment of the machine falls on all three.
s1=$(run --bare --stock); l1=$(run --bare); g1=$(run)
s2=$(run --bare --stock); l2=$(run --bare); g2=$(run)
awk -v s1="$s1" -v s2="$s2" -v l1="$l1" -v l2="$l2" -v g1="$g1" -v g2="$g2" 'BEGIN {
  s = (s1 + s2) / 2; l = (l1 + l2) / 2; g = (g1 + g2) / 2
  printf "bare window, stock Bevy + egui: %6.2f ms a frame (runs: %s, %s)\n", s, s1, s2
  printf "bare window, drawn as the game: %6.2f ms a frame (runs: %s, %s)\n", l, l1, l2
  printf "street map:                     %6.2f ms a frame (runs: %s, %s)\n", g, g1, g2
  printf "ratio street map / stock bare:  %.2f (budget 1.50)\n", g / s
  printf "ratio street map / lean bare:   %.2f (the game'\''s content over its own frame)\n", g / l
}'
