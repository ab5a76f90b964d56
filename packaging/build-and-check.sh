#!/bin/sh
# usage: build-and-check.sh BUILD_DIR OUT_DIR
# Builds the .deb from an already built tree with cpack, then runs check-deb.sh on it (the ctest packaging:deb).
set -eu
build=$1
out=$2
rm -rf "$out"
mkdir -p "$out"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$out" >"$out/cpack.log" 2>&1 || {
  cat "$out/cpack.log" >&2
  exit 1
}
set -- "$out"/*.deb
[ -f "$1" ] || { echo "build-and-check: cpack made no .deb" >&2; exit 1; }
exec sh "$(dirname "$0")/check-deb.sh" "$1"
