#!/usr/bin/env bash
# Regenerates assets/fonts/NanumGothic-subset.ttf: NanumGothic (Debian fonts-nanum, SIL OFL
# 1.1), and the headings' NanumMyeongjoBold-subset.ttf, cut down to the characters that the levels and the game's own strings use, plus
# printable ASCII. Run it after adding text in a new script or new Hangul syllables.
# Also cuts the few symbols NanumGothic lacks (⚠ ✉ ❤ 🗑) out of the two symbol fonts egui
# ships (Noto Emoji, SIL OFL 1.1; emoji-icon-font, MIT), found in Cargo's registry: the
# game no longer compiles in egui's whole default fonts (1.4 MB) for four glyphs.
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/truetype/nanum/NanumGothic.ttf
[ -f "$src" ] || apt-get install -y -q fonts-nanum >/dev/null
command -v pyftsubset >/dev/null || pip install -q fonttools
chars=$(mktemp)
{ printf ' !"#$%%&'"'"'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~'
  # (assets/i18n/handout-*.ron: printed by the reader's browser, never drawn by the game.)
  cat levels/*.ron $(find src -name '*.rs') assets/i18n/en.ron assets/i18n/ko.ron; printf '₩¥$♥✉•—·′…●○▲'; } > "$chars"
pyftsubset "$src" --text-file="$chars" --output-file=assets/fonts/NanumGothic-subset.ttf \
  --layout-features='*' --no-hinting
# The headings' face (issue 35: a printed title, not an app's): NanumMyeongjo Bold, the same
# family and licence, cut to the same characters (any glyph it lacks falls back to the body's).
pyftsubset /usr/share/fonts/truetype/nanum/NanumMyeongjoBold.ttf --text-file="$chars" \
  --output-file=assets/fonts/NanumMyeongjoBold-subset.ttf --layout-features='*' --no-hinting
cp /usr/share/doc/fonts-nanum/copyright assets/fonts/NanumGothic-LICENSE.txt 2>/dev/null || true
rm -f "$chars"
# The symbol fonts come from egui's epaint_default_fonts crate, which the game no longer
# depends on: fetch its source into Cargo's registry once (no build) if it is not there.
egui_fonts=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/epaint_default_fonts-*/fonts 2>/dev/null | tail -1 || true)
if [ -z "$egui_fonts" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && cargo init -q --name fetch_fonts && cargo add -q epaint_default_fonts@0.36 && cargo fetch -q)
  rm -rf "$tmp"
  egui_fonts=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/epaint_default_fonts-*/fonts | tail -1)
fi
pyftsubset "$egui_fonts/NotoEmoji-Regular.ttf" --text='⚠✉❤' \
  --output-file=assets/fonts/NotoEmoji-symbols.ttf --no-hinting
pyftsubset "$egui_fonts/emoji-icon-font.ttf" --text='🗑' \
  --output-file=assets/fonts/emoji-icon-symbols.ttf --no-hinting
cp "$egui_fonts/OFL.txt" assets/fonts/NotoEmoji-LICENSE.txt
cp "$egui_fonts/emoji-icon-font-mit-license.txt" assets/fonts/emoji-icon-font-LICENSE.txt
ls -l assets/fonts/*.ttf
