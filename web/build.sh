#!/usr/bin/env bash
# Builds the browser bundle into target/web/: index.html, the JavaScript glue, the
# optimized .wasm, and copies of the game's assets. Installs what it needs on a fresh
# machine of this kind (Debian's rustc-web, lld, brotli; the wasm-bindgen CLI matching
# Cargo.lock) and reuses what is already there. Prints sizes and build time.
#   PROFILE=web-fast web/build.sh   # quicker, larger build while iterating
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${PROFILE:-web}
t0=$(date +%s)

need=()
for p in rustc-web cargo-web rust-web-src lld-22 brotli; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q && apt-get install -y -q --no-install-recommends "${need[@]}"
fi
wb=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wb"; then
  # Without --locked: with it, resolution fails here (shared/recipes/web-wasm.md).
  cargo install wasm-bindgen-cli --version "$wb"
fi

export RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR=${WEB_TARGET_DIR:-$PWD/target/wasm-build}
/usr/bin/cargo build --ignore-rust-version --profile "$profile" --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort

out=target/web
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$out" --out-name haeju-trader \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/haeju-trader.wasm"
cp web/index.html web/main.js web/style.css web/HOSTING.md "$out/"
mkdir -p "$out/handouts" && cp docs/handouts/*.html "$out/handouts/"
# The game carries its levels, strings and fonts inside the .wasm. Beside it go what a
# teacher may want to read without the game: the handouts (above), the fact catalog with
# its sources, the licences. The levels' and the strings' own files stay in the source
# (the page never loads them: 54 KB gzip that kept the bundle over its 4.5 MB), as do the
# font files (63 KB).
mkdir -p "$out/assets/fonts" "$out/assets/levels" && cp levels/facts.ron "$out/assets/levels/"
cp assets/fonts/*.txt "$out/assets/fonts/" && cp assets/LICENSES.md "$out/assets/"
# The sounds, which the page fetches and plays after the first key or click (src/sound).
mkdir -p "$out/sounds" && cp assets/sounds/*.ogg "$out/sounds/"

wasm="$out/haeju-trader_bg.wasm"
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
# Pre-compressed copies for a host to serve as they are (Content-Encoding: br; see
# web/HOSTING.md): the game's code and its glue.
for f in "$wasm" "$out/haeju-trader.js"; do
  brotli -q 11 -f -o "$f.br" "$f"
done
br=$(stat -c %s "$wasm.br")
total_gz=0 total_br=0
while IFS= read -r f; do
  total_gz=$((total_gz + $(gzip -9 -c "$f" | wc -c)))
  if [ -f "$f.br" ]; then
    total_br=$((total_br + $(stat -c %s "$f.br")))
  else
    total_br=$((total_br + $(brotli -q 11 -c "$f" | wc -c)))
  fi
done < <(find "$out" -type f ! -name '*.br')
mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1000000 }'; }
echo "profile $profile, built in $(( $(date +%s) - t0 )) s"
echo "wasm raw $(mb "$raw"), gzip -9 $(mb "$gz"), brotli -q 11 $(mb "$br")"
sounds=$(cat "$out"/sounds/*.ogg | wc -c)
echo "sounds $(mb "$sounds") (Ogg Vorbis: served as they are)"
echo "whole bundle gzipped: $(mb "$total_gz") (budget 5.5 MB with sound; 4.5 MB without: $(mb $((total_gz - sounds)))), brotli: $(mb "$total_br") (3.3 MB without sound: $(mb $((total_br - sounds))))"
