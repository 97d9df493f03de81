#!/usr/bin/env bash
# Regenerates assets/fonts/NanumGothic-subset.ttf: NanumGothic (Debian fonts-nanum, SIL OFL
# 1.1) cut down to the characters that the levels and the game's own strings use, plus
# printable ASCII. Run it after adding text in a new script or new Hangul syllables.
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/truetype/nanum/NanumGothic.ttf
[ -f "$src" ] || apt-get install -y -q fonts-nanum >/dev/null
command -v pyftsubset >/dev/null || pip install -q fonttools
chars=$(mktemp)
{ printf ' !"#$%%&'"'"'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~'
  cat levels/*.ron assets/i18n/*.ron $(find src -name '*.rs'); printf '₩¥$♥✉•—·′…●○▲'; } > "$chars"
pyftsubset "$src" --text-file="$chars" --output-file=assets/fonts/NanumGothic-subset.ttf \
  --layout-features='*' --no-hinting
cp /usr/share/doc/fonts-nanum/copyright assets/fonts/NanumGothic-LICENSE.txt 2>/dev/null || true
rm -f "$chars"
ls -l assets/fonts/NanumGothic-subset.ttf
