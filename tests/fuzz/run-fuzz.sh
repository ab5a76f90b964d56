#!/bin/sh
# Runs each libFuzzer target for a fixed time, one after the other, and prints a summary.
#
#   tests/fuzz/run-fuzz.sh SECONDS [TARGET...]      (targets: menu answers callback_notice callback_http config
#                                                    journal image menu_snapshot; default: all of them)
# Environment:
#   BUILD   the build directory (default: build-fuzz next to this repository's top), configured with
#           CC=clang CXX=clang++ -DKIOSK_SANITIZE=ON -DKIOSK_FUZZ=ON; the targets are built first when missing
#   JOBS    parallel compile jobs for that build (default 2)
#
# Seeds are read from tests/fuzz/corpus/<target> (never written to). What the fuzzer finds new goes to
# $BUILD/tests/fuzz/work/corpus-<target>, kept between runs, so each run continues where the last one stopped.
# A crash, a sanitizer report, a leak, a timeout or a broken property is saved as
# $BUILD/tests/fuzz/work/artifacts/<target>-<kind>-<sha1>; the full log is $BUILD/tests/fuzz/work/logs/<target>.log.
# Exit status: 0 when no target found anything, 1 otherwise, 2 on a usage or build error.
set -u

usage() { echo "usage: $0 SECONDS [TARGET...]" >&2; exit 2; }
[ $# -ge 1 ] || usage
SECONDS_EACH=$1
shift
case "$SECONDS_EACH" in ''|*[!0-9]*) usage ;; esac

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build-fuzz}
JOBS=${JOBS:-2}
ALL="menu answers callback_notice callback_http config journal image menu_snapshot"
TARGETS=${*:-$ALL}
FUZZ_DIR=$BUILD/tests/fuzz
WORK=$FUZZ_DIR/work

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  echo "run-fuzz: $BUILD is not configured. Configure it with:" >&2
  echo "  CC=clang CXX=clang++ cmake -S $ROOT -B $BUILD -DKIOSK_SANITIZE=ON -DKIOSK_FUZZ=ON \\" >&2
  echo "      -DKIOSK_COMPONENTS=\"common;core;procart;payment;ops\"" >&2
  exit 2
fi
build_targets=""
for t in $TARGETS; do build_targets="$build_targets fuzz_$t"; done
# shellcheck disable=SC2086
cmake --build "$BUILD" -j"$JOBS" --target $build_targets >/dev/null || { echo "run-fuzz: build failed" >&2; exit 2; }

mkdir -p "$WORK/artifacts" "$WORK/logs"
found=0
printf '%-16s %8s %12s %9s %7s %8s  %s\n' target seconds executions exec/s cov corpus result
for t in $TARGETS; do
  exe=$FUZZ_DIR/fuzz_$t
  seeds=$ROOT/tests/fuzz/corpus/$t
  corpus=$WORK/corpus-$t
  log=$WORK/logs/$t.log
  [ -x "$exe" ] || { echo "run-fuzz: no such target: $t" >&2; exit 2; }
  mkdir -p "$corpus"
  started=$(date +%s)
  "$exe" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$WORK/artifacts/$t-" "$corpus" "$seeds" >"$log" 2>&1
  status=$?
  ran=$(( $(date +%s) - started ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  files=$(find "$corpus" -type f | wc -l)
  if [ "$status" -eq 0 ]; then
    result=ok
  else
    result="FOUND (exit $status): $(grep -m1 -E 'ERROR: |FUZZ CHECK FAILED|runtime error' "$log" | cut -c1-100)"
    found=1
  fi
  printf '%-16s %8s %12s %9s %7s %8s  %s\n' "$t" "$ran" "${execs:-?}" "${rate:-?}" "${cov:-?}" "$files" \
      "$result"
done
[ "$found" -eq 0 ] || echo "run-fuzz: findings saved under $WORK/artifacts (logs in $WORK/logs)" >&2
exit "$found"
