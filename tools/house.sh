#!/usr/bin/env bash
# The house rules that a grep can hold (issue 32), run by .ci/run before the tests:
# the platform boundary: `target_arch` is named only in src/platform/, src/main.rs and
# src/lib.rs (everything else is the same on the desktop and in the browser); and rooms of
# one concern: no source file over 600 lines.
set -euo pipefail
cd "$(dirname "$0")/.."
bad=$(grep -rn --include='*.rs' 'target_arch' src | grep -v -E '^src/(platform/|main\.rs:|lib\.rs:)' || true)
if [ -n "$bad" ]; then
  echo "tools/house.sh: target_arch outside src/platform/, main.rs and lib.rs:" >&2
  echo "$bad" >&2
  exit 1
fi
echo "tools/house.sh: the platform boundary holds (target_arch only in platform/, main.rs, lib.rs)"
long=$(find src -name '*.rs' -exec wc -l {} + | awk '$2 != "total" && $1 > 600 { print $1, $2 }')
if [ -n "$long" ]; then
  echo "tools/house.sh: source files over 600 lines (split them by concern):" >&2
  echo "$long" >&2
  exit 1
fi
echo "tools/house.sh: no source file over 600 lines"
