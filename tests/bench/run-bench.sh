#!/bin/sh
# usage: run-bench.sh BUILD_DIR
# The benchmarks behind docs/PERFORMANCE.md: menu parsing, start-up from cache, frame time and memory of the real
# kiosk on a 10,000-dish menu, and the UI alone over a 10,000-dish menu with 500 distinct pictures.
set -eu
build=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_RENDER_DRIVER=${SDL_RENDER_DRIVER:-software} SDL_AUDIODRIVER=dummy

echo "== menu parsing: codec + MenuIndex, 10,000 dishes"
"$build/tests/bench/bench-menu-parse" 10000 7

echo "== the real kiosk on a 10,000-dish menu (demo emulator, the demo's pictures)"
mkdir -p "$work/menu"
"$build/tests/bench/bench-make-menu" 10000 0 >"$work/menu/menu.json"
ln -s "$root/assets/demo/images" "$work/menu/images"
cat >"$work/browse.script" <<'SCRIPT'
wait widget attract.start 30000
tap attract.start
wait widget menu.category.cat0 30000
sleep 1000
touch-drag 700 1500 700 500 200
sleep 1500
touch-drag 700 1500 700 500 200
sleep 1500
tap menu.category.cat7
sleep 1500
touch-drag 700 1500 700 300 150
sleep 2000
SCRIPT
# First run: fills the cache (menu + pictures). Second run: ProCart down, everything from the cache.
"$build/kiosk/app/kiosk" --demo-menu "$work/menu/menu.json" --assets "$root/assets" --windowed 1080x1920 \
  --cache-dir "$work/cache" --script "$work/browse.script" --frame-stats >"$work/run1.log" 2>&1
grep -A6 "^kiosk: frames" "$work/run1.log" || tail -20 "$work/run1.log"

echo "== start-up from cache (ProCart down): process start → attract screen with the menu, 5 runs"
cat >"$work/start.script" <<'SCRIPT'
wait widget attract.start 30000
SCRIPT
for i in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$build/kiosk/app/kiosk" --demo-procart-offline --demo-menu "$work/menu/menu.json" --assets "$root/assets" \
    --windowed 1080x1920 --cache-dir "$work/cache" --script "$work/start.script" >"$work/start.log" 2>&1
  end=$(date +%s%N)
  first=$(grep -m1 "script: passed" "$work/start.log" | cut -c1-12)
  echo "run $i: whole process $(( (end - start) / 1000000 )) ms; script passed at $first"
done
grep -m3 "menu\b.*from cache\|session: menu" "$work/start.log" || true

if [ -x "$build/tests/ui/kiosk-ui-preview" ]; then
  echo "== the UI alone: 10,000 dishes, 500 distinct pictures (kiosk-ui-preview --big-menu)"
  "$build/tests/ui/kiosk-ui-preview" --big-menu 10000 --windowed 1080x1920 --script "$work/browse.script" \
    --frame-stats >"$work/preview.log" 2>&1 || true
  grep -A6 "^kiosk: frames" "$work/preview.log" || tail -20 "$work/preview.log"
fi
