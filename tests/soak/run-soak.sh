#!/bin/sh
# The long soak (docs/RELIABILITY.md): at least 5,000 orders through the real kiosk runtime against procart-sim and a
# card terminal, with faults injected and the kiosk killed at random points; the money invariants are checked
# against the emulator's and the terminal's own records after every round. With the simulated terminal it takes
# about 1.5 hours on 2 cores (most of it waiting: two silent-terminal timeouts of 70 s are waited out in every round
# of 240 orders).
#
#   [SOAK_TERMINAL=sim|vtk|sbpilot] [SOAK_ORDERS=N] tests/soak/run-soak.sh [BUILD_DIR] [soak_driver options, e.g.
#       --seed N --orders N --keep --verbose]
#
# SOAK_TERMINAL picks the terminal (default sim): the simulated terminal, or a real driver against its protocol
# peer — vtk (the VTK driver against the VTK emulator) or sbpilot (the sb_pilot driver running the fake sb_pilot).
# BUILD_DIR defaults to ./build; it must be configured with the runtime and drivers components (the default). The
# summary is printed and written to BUILD_DIR/soak-long.json (soak-long-vtk.json, soak-long-sbpilot.json for the
# real drivers). Exit code 0 only when every invariant held.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="$root/build"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
  build=$(cd "$1" && pwd)
  shift
fi
terminal="${SOAK_TERMINAL:-sim}"
case "$terminal" in
  sim) summary="$build/soak-long.json" ;;
  vtk|sbpilot) summary="$build/soak-long-$terminal.json" ;;
  *) echo "run-soak.sh: SOAK_TERMINAL is sim, vtk or sbpilot, not '$terminal'" >&2; exit 2 ;;
esac
cmake --build "$build" -j"${JOBS:-2}" --target soak_driver soak_child fake_sb_pilot
exec "$build/tests/soak/soak_driver" \
  --child "$build/tests/soak/soak_child" \
  --assets "$root/assets" \
  --terminal "$terminal" \
  --sbpilot-program "$build/tests/drivers/fake_sb_pilot" \
  --profile long \
  --orders "${SOAK_ORDERS:-5000}" \
  --round-orders 240 \
  --live-terminal-timeouts 2 \
  --json "$summary" \
  "$@"
