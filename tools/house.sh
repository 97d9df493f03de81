#!/usr/bin/env bash
# The house rules that a grep can hold (issue 32), run by .ci/run before the tests:
# the platform boundary: `target_arch` is named only in src/platform/, src/main.rs and
# src/lib.rs (everything else is the same on the desktop and in the browser); and rooms of
# one concern: no source file over 600 lines; no function over 120 lines unless its body is
# data (`#[allow(clippy::too_many_lines)]`).
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
# No function over 120 lines (clippy's too_many_lines, clippy.toml; counted as clippy counts
# them, without blank and comment-only lines, on rustfmt's layout), unless it says
# `#[allow(clippy::too_many_lines)]` (only where its body is data).
long=$(find src tests benches examples -name '*.rs' 2>/dev/null | sort | xargs awk '
  FNR == 1 { infn = 0; allow = 0 }
  /#\[allow\(clippy::too_many_lines\)\]/ { allow = 1 }
  !infn && /^ *(pub(\([a-z:]+\))? )?(const )?(async )?(unsafe )?fn [A-Za-z_0-9]+/ && !/;[ ]*$/ {
    match($0, /^ */); ind = RLENGTH; infn = 1; n = 0; start = FNR; name = $0
    sub(/^.*fn /, "fn ", name); sub(/\(.*/, "", name)
  }
  infn {
    line = $0; sub(/^ */, "", line)
    if (line != "" && line !~ /^\/\//) n++
    match($0, /^ */)
    if (FNR > start && RLENGTH == ind && line ~ /^}/) {
      if (n - 2 > 120 && !allow) print FILENAME ":" start ": " name " (" n - 2 " lines)"
      infn = 0; allow = 0
    } else if (FNR == start && $0 ~ /}[ ]*$/ && $0 ~ /{/) { infn = 0; allow = 0 }
  }
')
if [ -n "$long" ]; then
  echo "tools/house.sh: functions over 120 lines (split them, or allow where the body is data):" >&2
  echo "$long" >&2
  exit 1
fi
echo "tools/house.sh: no function over 120 lines"
