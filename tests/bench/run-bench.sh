#!/bin/sh
# usage: run-bench.sh BUILD_DIR
# The benchmarks behind docs/PERFORMANCE.md: menu parsing; the real kiosk on a 10,000-dish menu served by a
# separate procart-sim (as in production: ProCart is another process) — frame time, memory, start-up from cache;
# and the UI alone over a 10,000-dish menu with 500 distinct pictures (kiosk-ui-preview --big-menu).
set -eu
build=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
sim_pid=""
trap '[ -n "$sim_pid" ] && kill $sim_pid 2>/dev/null; rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_RENDER_DRIVER=${SDL_RENDER_DRIVER:-software} SDL_AUDIODRIVER=dummy

# HH:MM:SS.mmm → milliseconds since midnight
ms_of() { echo "$1" | awk -F'[:.]' '{ print (($1 * 60 + $2) * 60 + $3) * 1000 + $4 }'; }

echo "== menu parsing: codec + MenuIndex, 10,000 dishes"
"$build/tests/bench/bench-menu-parse" 10000 7

echo "== the real kiosk on a 10,000-dish menu from a separate procart-sim (the demo's pictures)"
mkdir -p "$work/menu" "$work/state"
"$build/tests/bench/bench-make-menu" 10000 0 >"$work/menu/menu.json"
ln -s "$root/assets/demo/images" "$work/menu/images"
port=$((20000 + $$ % 20000))
"$build/kiosk/sim/procart-sim" --port $port --menu "$work/menu/menu.json" >"$work/sim.log" 2>&1 &
sim_pid=$!
sleep 1
cat >"$work/kiosk.json" <<JSON
{ "kiosk_id": "BENCH",
  "procart": { "url": "http://127.0.0.1:$port/api/v3" },
  "callback": { "listen_address": "127.0.0.1", "listen_port": 0 },
  "order": { "eat_in_category_id": "1", "take_away_category_id": "2", "currency_id": "1" },
  "terminal": { "driver": "sim", "params": { "step_ms": 50 } },
  "health": { "listen": "" },
  "paths": { "cache_dir": "$work/cache", "state_dir": "$work/state" } }
JSON
printf '{ "procart": { "token": "demo-token" }, "callback": { "secret": "bench-secret-0123456789" } }\n' \
  >"$work/secrets.json"
chmod 600 "$work/secrets.json"
cat >"$work/browse.script" <<'SCRIPT'
wait widget attract.start 30000
tap attract.start
wait screen menu 30000
sleep 1000
touch-drag 700 1500 700 500 200
sleep 1500
touch-drag 700 1500 700 500 200
sleep 1500
touch-drag 700 1500 700 300 150
sleep 2000
SCRIPT
kiosk="$build/kiosk/app/kiosk --config $work/kiosk.json --assets $root/assets --windowed 1080x1920"
$kiosk --script "$work/browse.script" --frame-stats >"$work/run1.log" 2>&1 || { tail -20 "$work/run1.log"; exit 1; }
grep -A6 "^kiosk: frames" "$work/run1.log"

echo "== start-up from cache, ProCart down: process start → first frame with the menu, 5 runs"
kill $sim_pid; wait $sim_pid 2>/dev/null || true; sim_pid=""
echo "wait widget attract.start 30000" >"$work/start.script"
for i in 1 2 3 4 5; do
  start=$(date +%H:%M:%S.%3N)
  $kiosk --script "$work/start.script" >"$work/start.log" 2>&1 || true
  menu=$(grep -m1 "session: menu .*(cache)" "$work/start.log" | cut -c1-12)
  window=$(grep -m1 "app: window" "$work/start.log" | cut -c1-12)
  echo "run $i: window after $(( $(ms_of "$window") - $(ms_of "$start") )) ms," \
       "menu from cache on screen after $(( $(ms_of "$menu") - $(ms_of "$start") )) ms"
done

if [ -x "$build/tests/ui/kiosk-ui-preview" ]; then
  echo "== the UI alone: 10,000 dishes, 500 distinct pictures (kiosk-ui-preview --big-menu)"
  "$build/tests/ui/kiosk-ui-preview" --big-menu 10000 --windowed 1080x1920 --script "$work/browse.script" \
    --frame-stats >"$work/preview.log" 2>&1 || { tail -5 "$work/preview.log"; exit 1; }
  grep -A6 "^kiosk: frames" "$work/preview.log"
fi
