#!/bin/sh
# usage: make-screenshots.sh BUILD_DIR OUT_DIR
# Runs the guest tour (tests/e2e/scripts/tour.script) on the real binary in demo mode, in Russian and in English,
# portrait 1080x1920 and a landscape 1920x1080 pass, and writes OUT_DIR/<lang>-<screen>.png.
set -eu
build=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
for lang in ru en; do
  sed "s/^lang ru$/lang $lang/" "$here/scripts/tour.script" >"$work/tour-$lang.script"
  "$build/kiosk/app/kiosk" --demo --assets "$root/assets" --windowed 1080x1920 --script "$work/tour-$lang.script" \
    --screenshots "$work/$lang" --max-seconds 200 >"$work/$lang.log" 2>&1 || {
    tail -20 "$work/$lang.log" >&2
    exit 1
  }
  for shot in "$work/$lang"/*.png; do cp "$shot" "$out/$lang-$(basename "$shot")"; done
done
# Landscape: the first screens only (the layout adapts; every flow is the same).
head -n 17 "$here/scripts/tour.script" | sed "s/^screenshot /screenshot landscape-/" >"$work/landscape.script"
"$build/kiosk/app/kiosk" --demo --assets "$root/assets" --windowed 1920x1080 --script "$work/landscape.script" \
  --screenshots "$work/landscape" --max-seconds 100 >"$work/landscape.log" 2>&1 || {
  tail -20 "$work/landscape.log" >&2
  exit 1
}
for shot in "$work/landscape"/*.png; do cp "$shot" "$out/ru-$(basename "$shot")"; done
ls "$out"
