#!/bin/sh
# usage: test-check-sandbox.sh
# Tests check-sandbox.sh itself (the ctest packaging:sandbox-score-self-test), so that a checker that cannot fail is
# noticed: on copies of this folder's units it expects the real pair to pass, and each damaged pair to fail with the
# matching message.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/test-check-sandbox.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
failures=0

# units NAME: a copy of the real pair in $work/NAME/
units() {
  mkdir -p "$work/$1"
  cp "$here/systemd/procart-kiosk.service" "$here/systemd/procart-kiosk-xorg.service" "$work/$1/"
}

# expect NAME pass|fail TEXT [MAX]: run check-sandbox.sh on $work/NAME (optionally with MAX_EXPOSURE=MAX)
expect() {
  if MAX_EXPOSURE=${4:-4.5} sh "$here/check-sandbox.sh" "$work/$1" >"$work/$1.log" 2>&1; then result=pass; else
    result=fail
  fi
  if [ "$result" != "$2" ]; then
    echo "test-check-sandbox: $1: expected $2, got $result" >&2
    cat "$work/$1.log" >&2
    failures=$((failures + 1))
  elif ! grep -qF -- "$3" "$work/$1.log"; then
    echo "test-check-sandbox: $1: output lacks '$3'" >&2
    cat "$work/$1.log" >&2
    failures=$((failures + 1))
  else
    echo "test-check-sandbox: ok: $1 ($2: $3)"
  fi
}

units good
expect good pass "check-sandbox: ok: procart-kiosk-xorg.service: exposure"

# Without its sandbox section the cage unit is what the package shipped before: rated far above the limit.
units unconfined
sed -i '/^# ---- Sandbox/,/^\[Install\]/{/^\[Install\]/!d}' "$work/unconfined/procart-kiosk.service"
expect unconfined fail "procart-kiosk.service: exposure"
grep -q 'is above 4.5' "$work/unconfined.log" || {
  echo "test-check-sandbox: unconfined: no 'is above 4.5' in the output" >&2
  failures=$((failures + 1))
}

units drifted
sed -i '/^ProtectClock=yes$/d' "$work/drifted/procart-kiosk-xorg.service"
expect drifted fail "the sandbox sections of the two units differ"

units strict
expect strict fail "is above 1.0" 1.0

units missing
rm "$work/missing/procart-kiosk-xorg.service"
expect missing fail "no such unit file"

if [ "$failures" -ne 0 ]; then
  echo "test-check-sandbox: $failures case(s) failed" >&2
  exit 1
fi
echo "test-check-sandbox: all cases behaved"
