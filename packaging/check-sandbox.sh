#!/bin/sh
# usage: check-sandbox.sh [UNIT_DIR]
# The systemd sandbox of both kiosk units (the ctest packaging:sandbox-score): rates each unit file with
# `systemd-analyze security --offline=true`, prints its exposure, and fails when one is above MAX_EXPOSURE (4.5; the
# environment may lower it) or cannot be rated, or when the two units' sandbox sections ("# ---- Sandbox" to the end
# of [Service]) differ: the cage and the Xorg session must be confined alike. UNIT_DIR defaults to systemd/ here.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
unit_dir=${1:-$here/systemd}
max=${MAX_EXPOSURE:-4.5}
units="procart-kiosk.service procart-kiosk-xorg.service"
failures=0

fail() {
  echo "check-sandbox: FAIL: $*" >&2
  failures=$((failures + 1))
}

if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "check-sandbox: FAIL: systemd-analyze is not installed (packaging/deps.sh installs systemd)" >&2
  exit 1
fi

for unit in $units; do
  file=$unit_dir/$unit
  if [ ! -f "$file" ]; then
    fail "no such unit file: $file"
    continue
  fi
  # --offline=true rates the file as written (no running systemd needed); the last line reads
  # "→ Overall exposure level for NAME: 1.7 OK 🙂".
  report=$(systemd-analyze security --offline=true --no-pager "$file" 2>&1) || true
  score=$(echo "$report" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9][0-9]*\.[0-9]\).*/\1/p' | tail -n 1)
  if [ -z "$score" ]; then
    fail "$unit: systemd-analyze gave no exposure level: $report"
  elif awk -v s="$score" -v m="$max" 'BEGIN { exit !(s + 0 > m + 0) }'; then
    fail "$unit: exposure $score is above $max; what it still allows:"
    echo "$report" | grep '✗' >&2 || true
  else
    echo "check-sandbox: ok: $unit: exposure $score (at most $max)"
  fi
done

# The sandbox sections of the two units, compared line by line (comments included: they explain the same lines).
sandbox_of() { sed -n '/^# ---- Sandbox/,/^\[/p' "$1" | sed '/^\[/d'; }
first=$unit_dir/procart-kiosk.service
second=$unit_dir/procart-kiosk-xorg.service
if [ -f "$first" ] && [ -f "$second" ]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/check-sandbox.XXXXXX")
  trap 'rm -rf "$work"' EXIT INT TERM
  sandbox_of "$first" >"$work/cage"
  sandbox_of "$second" >"$work/xorg"
  if [ ! -s "$work/cage" ]; then
    fail "procart-kiosk.service has no '# ---- Sandbox' section"
  elif ! diff -u "$work/cage" "$work/xorg" >"$work/diff"; then
    fail "the sandbox sections of the two units differ:"
    cat "$work/diff" >&2
  else
    echo "check-sandbox: ok: both units have the same sandbox section ($(grep -c '^[A-Z]' "$work/cage") settings)"
  fi
fi

if [ "$failures" -ne 0 ]; then
  echo "check-sandbox: $failures check(s) failed" >&2
  exit 1
fi
echo "check-sandbox: both units at most $max"
