#!/usr/bin/env bash
# The vendored crates (vendor/, see vendor/README.md) are crates.io releases plus the game's
# patches, kept as files in vendor/patches/: NAME-VERSION.patch, a unified diff from the
# release (less the files listed below, which the game does not build) to vendor/NAME.
#
#   tools/vendor.sh check    the vendored trees are exactly each release plus its patch
#   tools/vendor.sh apply    re-vendor: rebuild vendor/NAME from the release and its patch
#                            (after changing a version below, or a patch by hand)
#   tools/vendor.sh diff     write each patch again from vendor/NAME (after editing it there)
#
# Releases are downloaded from crates.io once into ~/.cache/haeju-trader/crates.
set -euo pipefail
cd "$(dirname "$0")/.."

# name version files-of-the-release-left-out
CRATES=(
  "bevy_egui 0.43.1 .cargo_vcs_info.json CHANGELOG.md Cargo.lock Cargo.toml.orig bevy_egui.png examples"
  "bevy_render 0.20.1 Cargo.lock Cargo.toml.orig"
  "epaint 0.36.2 .cargo_vcs_info.json Cargo.lock Cargo.toml.orig benches"
)

cache="${HOME}/.cache/haeju-trader/crates"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache"

# The release as the game vendors it (less the files left out), in $work/release/NAME.
release() {
  local name=$1 version=$2; shift 2
  local file="$cache/$name-$version.crate"
  if [ ! -s "$file" ]; then
    curl -sSfL --retry 3 -o "$file.part" "https://static.crates.io/crates/$name/$name-$version.crate"
    mv "$file.part" "$file"
  fi
  mkdir -p "$work/release"
  rm -rf "$work/release/$name" "$work/release/$name-$version"
  tar xzf "$file" -C "$work/release"
  mv "$work/release/$name-$version" "$work/release/$name"
  local f
  for f in "$@"; do rm -rf "${work:?}/release/$name/$f"; done
}

cmd=${1:-check}
status=0
for entry in "${CRATES[@]}"; do
  # shellcheck disable=SC2086
  set -- $entry
  name=$1 version=$2; shift 2
  patch="vendor/patches/$name-$version.patch"
  release "$name" "$version" "$@"
  case "$cmd" in
    diff)
      mkdir -p vendor/patches
      # (Paths as a/FILE and b/FILE, no dates: the patch changes only when the code does.)
      (cd "$work/release" && diff -ruN "$name" "$OLDPWD/vendor/$name" || true) \
        | sed -E -e "s#^diff -ruN $name/(.*) [^ ]*/vendor/$name/.*#diff -ruN a/\1 b/\1#" \
          -e "s#^--- $name/([^[:space:]]*).*#--- a/\1#" \
          -e "s#^\+\+\+ [^[:space:]]*/vendor/$name/([^[:space:]]*).*#+++ b/\1#" > "$patch"
      echo "$patch: $(grep -c '^@@' "$patch") hunks"
      ;;
    apply|check)
      built="$work/built/$name"
      mkdir -p "$work/built"
      cp -r "$work/release/$name" "$built"
      if [ -s "$patch" ]; then
        patch -s -p1 -d "$built" < "$patch"
      fi
      if [ "$cmd" = apply ]; then
        rm -rf "vendor/$name" && cp -r "$built" "vendor/$name"
        echo "vendor/$name: $name $version and $patch"
      elif diff -rq "$built" "vendor/$name" > "$work/differ" 2>&1; then
        echo "vendor/$name is $name $version plus $patch"
      else
        echo "vendor/$name is not $name $version plus $patch:" >&2
        cat "$work/differ" >&2
        status=1
      fi
      ;;
    *)
      echo "usage: tools/vendor.sh [check|apply|diff]" >&2
      exit 2
      ;;
  esac
done
exit $status
