#!/bin/sh
# The long soak (docs/RELIABILITY.md): at least 5,000 orders through the real kiosk runtime against procart-sim and
# the simulated terminal, with faults injected and the kiosk killed at random points; the money invariants are
# checked against the emulator's and the terminal's records after every round. Takes about 1.5 hours on 2 cores
# (most of it waiting: two silent-terminal timeouts of 70 s are waited out in every round of 240 orders).
#
#   tests/soak/run-soak.sh [BUILD_DIR] [soak_driver options, e.g. --seed N --orders N --keep --verbose]
#
# BUILD_DIR defaults to ./build; it must be configured with the runtime component (the default). The summary is
# printed and written to BUILD_DIR/soak-long.json. Exit code 0 only when every invariant held.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="$root/build"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
  build=$(cd "$1" && pwd)
  shift
fi
cmake --build "$build" -j"${JOBS:-2}" --target soak_driver soak_child
exec "$build/tests/soak/soak_driver" \
  --child "$build/tests/soak/soak_child" \
  --assets "$root/assets" \
  --profile long \
  --orders "${SOAK_ORDERS:-5000}" \
  --round-orders 240 \
  --live-terminal-timeouts 2 \
  --json "$build/soak-long.json" \
  "$@"
