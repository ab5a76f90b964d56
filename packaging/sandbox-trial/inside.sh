#!/bin/sh
# The sandbox trial's runner (procart-trial.service): runs as root, unconfined, inside the booted trial machine. It
# brings up ProCart (the packaged procart-sim), starts procart-kiosk.service as systemd starts it on a kiosk, lets the
# kiosk play its guest's order, then writes one line per check to /trial-out/report, "pass" or "fail" to
# /trial-out/verdict, and powers the machine off.
# shellcheck disable=SC2015  # ok() cannot fail, so "test && ok || fail" is an if/else here
set -u
out=/trial-out
unit=procart-kiosk.service
failures=0

ok() { echo "trial: ok: $*" >>"$out/report"; }
fail() {
  echo "trial: FAIL: $*" >>"$out/report"
  failures=$((failures + 1))
}
# wait_for SECONDS COMMAND…: until COMMAND succeeds, checking twice a second.
wait_for() {
  deadline=$(($(date +%s) + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}
finish() {
  journalctl -u "$unit" -o cat --no-pager >"$out/kiosk.log" 2>&1 || true
  # For a failed run: the unit's state and the whole boot's journal (PID 1, journald, the runner).
  systemctl status --no-pager -l "$unit" >"$out/status.log" 2>&1 || true
  journalctl -b --no-pager >"$out/boot-journal.log" 2>&1 || true
  if [ "$failures" -eq 0 ]; then echo pass >"$out/verdict"; else echo fail >"$out/verdict"; fi
  # What `systemctl poweroff` does, without asking logind (there is none here): PID 1 exits, and the machine with it.
  systemctl start --no-block poweroff.target
  exit 0
}

ip link set lo up || fail "cannot bring the loopback interface up"

# ---- ProCart ------------------------------------------------------------------------------------------------------
# The demo menu as installed (the package ships it in the assets).
/usr/bin/procart-sim --port 11111 --menu /usr/share/procart-kiosk/demo/menu.json >"$out/procart-sim.log" 2>&1 &
if wait_for 30 curl -s -o /dev/null http://127.0.0.1:11111/api/v3/ping; then
  ok "procart-sim answers on 127.0.0.1:11111"
else
  fail "procart-sim did not come up (see procart-sim.log)"
  finish
fi

# ---- The kiosk: start (READY=1 must reach systemd from inside the sandbox), /health, the order ---------------------
# A unit whose condition fails is skipped and `systemctl start` still succeeds: it must also be active now.
if systemctl start "$unit" && [ "$(systemctl show -p ActiveState --value "$unit")" = active ]; then
  ok "$unit started: the kiosk's READY=1 reached systemd"
else
  fail "$unit did not start: $(systemctl show -p Result --value "$unit")"
  finish
fi
if wait_for 30 curl -sf -o "$out/health.json" http://127.0.0.1:9180/health &&
  grep -q '"procart_reachable":true' "$out/health.json"; then
  ok "/health answers from inside the sandbox, ProCart reachable"
else
  fail "/health did not answer, or ProCart unreachable: $(cat "$out/health.json" 2>/dev/null)"
fi
wait_for 300 sh -c "! systemctl is-active --quiet $unit" || fail "the kiosk still runs after 300 s"
result=$(systemctl show -p Result --value "$unit")
status=$(systemctl show -p ExecMainStatus --value "$unit")
journalctl -u "$unit" -o cat --no-pager >"$out/kiosk.log" 2>&1
if [ "$result" = success ] && [ "$status" = 0 ] && grep -q 'script: passed' "$out/kiosk.log"; then
  ok "the guest's order went through: script passed, the kiosk exited 0"
  renderer=$(sed -n 's/.*app: window .*, renderer \([a-z0-9]*\),.*/\1/p' "$out/kiosk.log" | head -n 1)
  [ "$renderer" = opengl ] && ok "it drew on the X server with OpenGL (Mesa in the kiosk's process)" ||
    fail "it drew with the '$renderer' renderer, not OpenGL"
else
  fail "the order script failed: Result=$result ExecMainStatus=$status (see kiosk.log)"
fi

# ---- What the order left behind -------------------------------------------------------------------------------------
probe_ok=$(grep -c '^probe: ok:' "$out/kiosk.log")
if grep -q '^probe: FAIL:' "$out/kiosk.log"; then
  grep '^probe: FAIL:' "$out/kiosk.log" | while read -r line; do echo "trial: FAIL: $line" >>"$out/report"; done
  failures=$((failures + 1))
elif grep -q '^probe: done' "$out/kiosk.log"; then
  ok "the sandbox probe: $probe_ok facts as expected"
else
  fail "the sandbox probe did not run to its end"
fi
if grep -q 'callback: order .* says status' "$out/kiosk.log"; then
  ok "ProCart's callback reached the kiosk's listener"
else
  fail "no callback was received"
fi
if grep -q '"op":"purchase"' /opt/sberbank/fake-sb-pilot-ledger.jsonl 2>/dev/null; then
  ok "the card was charged through sb_pilot, run by the kiosk in the sandbox"
else
  fail "sb_pilot recorded no purchase"
fi
owner=$(stat -c %U /opt/sberbank/e 2>/dev/null)
[ "$owner" = procart-kiosk ] && ok "sb_pilot ran as procart-kiosk" || fail "sb_pilot's result file belongs to '$owner'"
if [ -n "$(find /var/lib/procart-kiosk -type f 2>/dev/null)" ]; then
  exposed=$(find /var/lib/procart-kiosk -type f -perm /077)
  [ -z "$exposed" ] && ok "the payment journal's files are readable by the kiosk user only" ||
    fail "group/other may read: $exposed"
else
  fail "the kiosk wrote nothing to /var/lib/procart-kiosk"
fi
finish
