#!/bin/sh
# usage: run.sh PACKAGE.deb FAKE_SB_PILOT OUT_DIR
# The sandbox trial (the ctest packaging:sandbox-trial): does the kiosk still work inside the packaged unit's sandbox?
# It installs the .deb into a throwaway root (dpkg -x plus the package's own postinst), configures it as an operator
# would (ProCart URL and token, an admin PIN, card payments through sb_pilot — here a stand-in sb_pilot in
# /opt/sberbank), boots the real systemd as PID 1 of private mount, PID, network, cgroup, UTS and IPC namespaces over
# that root, and starts procart-kiosk.service with every sandbox setting of the package. A drop-in
# (kiosk-trial.conf) replaces only what this machine lacks: the logind seat on tty1, cage, a screen (SDL's dummy
# driver draws instead). Inside, a probe checks the sandbox from the kiosk's seat and the kiosk plays one guest's order
# (inside.sh judges). Nothing outside OUT_DIR changes: every mount lives in the private mount namespace, the trial's
# cgroup is removed afterwards.
# Needs root and namespaces; exits 77 (ctest: skipped) when this host cannot create them.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
stage=${SANDBOX_TRIAL_STAGE:-host}
deadline_s=${SANDBOX_TRIAL_SECONDS:-420}

if [ $# -ne 3 ]; then
  echo "usage: $0 PACKAGE.deb FAKE_SB_PILOT OUT_DIR" >&2
  exit 2
fi
deb=$(realpath "$1")
fake=$(realpath "$2")
out=$3

# ==== Stage 2: inside the private mount and network namespaces: build the root, then boot it ========================
if [ "$stage" = machine ]; then
  root=$SANDBOX_TRIAL_ROOT
  mount -t tmpfs -o mode=0755 sandbox-trial "$root"

  # /usr: the host's, under a writable overlay (the package installs into it).
  mkdir -p "$root/.overlay/upper" "$root/.overlay/work" "$root/usr"
  mount -t overlay sandbox-trial-usr -o "lowerdir=/usr,upperdir=$root/.overlay/upper,workdir=$root/.overlay/work" \
    "$root/usr"
  for link in bin lib lib32 lib64 libx32 sbin; do
    if [ -L "/$link" ]; then ln -s "$(readlink "/$link")" "$root/$link"; fi
  done
  # /etc: a copy, without the host's enabled units (the trial boots into its own target only).
  cp -a /etc "$root/etc"
  find "$root/etc/systemd/system" -mindepth 1 -maxdepth 1 -name '*.wants' -exec rm -rf {} +
  : >"$root/etc/machine-id"
  mkdir -p "$root/var/lib" "$root/var/cache" "$root/var/log" "$root/var/tmp" "$root/run" "$root/tmp" \
    "$root/proc" "$root/sys" "$root/dev" "$root/opt/sberbank" "$root/trial" "$root/trial-out" "$root/home" \
    "$root/root" "$root/boot"
  chmod 1777 "$root/tmp" "$root/var/tmp"

  # /dev: the usual nodes, plus nodes that file permissions would let anyone open (the probe's device-policy cases).
  mount -t tmpfs -o mode=0755,nosuid sandbox-trial-dev "$root/dev"
  node() { mknod -m "$2" "$root/dev/$1" c "$3" "$4"; }
  mkdir -p "$root/dev/net" "$root/dev/input" "$root/dev/pts" "$root/dev/shm"
  node null 0666 1 3; node zero 0666 1 5; node full 0666 1 7; node random 0666 1 8; node urandom 0666 1 9
  node tty 0666 5 0
  node net/tun 0666 10 200; node mem 0666 1 1; node input/event99 0666 13 163
  node ttyS191 0660 4 255; chgrp dialout "$root/dev/ttyS191"
  mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$root/dev/pts"
  ln -s pts/ptmx "$root/dev/ptmx"
  mount -t tmpfs -o mode=1777,nosuid,nodev sandbox-trial-shm "$root/dev/shm"
  ln -s /proc/self/fd "$root/dev/fd"
  : >"$out/console.log"
  : >"$root/dev/console"
  mount --bind "$out/console.log" "$root/dev/console"
  # /sys read-only (systemd then leaves udev alone); the cgroup file system is mounted at boot, below.
  mount --rbind /sys "$root/sys"
  mount -o remount,bind,ro "$root/sys"

  # ---- Install the package as dpkg would: unpack, then its postinst ----
  dpkg-deb -x "$deb" "$root/.deb"
  for entry in "$root/.deb"/*; do
    name=$(basename "$entry")
    if [ -L "$root/$name" ]; then cp -a "$entry/." "$root/$(readlink "$root/$name")/"; else cp -a "$entry" "$root/"; fi
  done
  rm -rf "$root/.deb"
  dpkg-deb -e "$deb" "$root/.control"
  # A Debian 12 system has these groups (systemd's sysusers); a container image may not.
  for group in input render; do
    grep -q "^$group:" "$root/etc/group" || chroot "$root" groupadd --system "$group"
  done
  chroot "$root" /bin/sh /.control/postinst configure

  # ---- Configure it as an operator would (docs/OPERATIONS.md, "First run") ----
  install -m 0755 "$fake" "$root/opt/sberbank/sb_pilot"
  chroot "$root" chown procart-kiosk:procart-kiosk /opt/sberbank
  config=$root/etc/procart-kiosk/kiosk.json
  jq '.procart.url = "http://127.0.0.1:11111/api/v3" | .procart.status_poll_s = 3
      | .order.eat_in_category_id = "1" | .order.take_away_category_id = "2" | .order.currency_id = "1"
      | .terminal.driver = "sbpilot"
      | .terminal.params = {"program": "/opt/sberbank/sb_pilot", "working_dir": "/opt/sberbank"}' \
    "$config" >"$root/.kiosk.json"
  cat "$root/.kiosk.json" >"$config"
  secrets=$root/etc/procart-kiosk/secrets.json
  jq '.procart.token = "demo-token"' "$secrets" >"$root/.secrets.json"
  cat "$root/.secrets.json" >"$secrets"  # keeps the file's owner and mode
  rm -f "$root/.kiosk.json" "$root/.secrets.json"
  echo 480516 | chroot "$root" /usr/bin/kiosk --set-pin admin >/dev/null

  # ---- The trial's own files ----
  cp "$here/probe.py" "$here/order.script" "$here/inside.sh" "$root/trial/"
  cp "$here/procart-trial.target" "$here/procart-trial.service" "$root/etc/systemd/system/"
  mkdir -p "$root/etc/systemd/system/procart-kiosk.service.d"
  cp "$here/kiosk-trial.conf" "$root/etc/systemd/system/procart-kiosk.service.d/trial.conf"
  mount --bind "$out" "$root/trial-out"

  # ---- Boot: a cgroup of its own (a child of this process's cgroup v2), entered before the cgroup namespace ----
  cgroup_root=/sys/fs/cgroup/unified
  [ -f "$cgroup_root/cgroup.procs" ] || cgroup_root=/sys/fs/cgroup
  own=$(sed -n 's/^0:://p' /proc/self/cgroup)
  trial_cgroup="$cgroup_root${own%/}/procart-sandbox-trial.$$"
  mkdir "$trial_cgroup"
  echo "$trial_cgroup" >"$out/cgroup"
  echo $$ >"$trial_cgroup/cgroup.procs"
  # In the new namespaces: /proc/sys read-only, the cgroup v2 file system (its root is the trial's cgroup), then
  # systemd as PID 1. The `container` variable tells systemd where it is.
  exec unshare --cgroup --pid --uts --ipc --kill-child=SIGKILL --mount-proc="$root/proc" \
    chroot "$root" /bin/sh -c 'mount --bind /proc/sys /proc/sys && mount -o remount,bind,ro /proc/sys &&
      mount -t cgroup2 cgroup2 /sys/fs/cgroup &&
      exec /usr/bin/env -i container=procart-sandbox-trial /usr/lib/systemd/systemd --unit=procart-trial.target \
        --log-target=console --log-color=no --show-status=false'
fi

# ==== Stage 1: on the host ================================================================================================
skip() {
  echo "sandbox-trial: SKIP: $*" >&2
  exit 77
}
[ "$(id -u)" = 0 ] || skip "needs root (it boots systemd in namespaces)"
for tool in unshare chroot dpkg-deb jq mknod xvfb-run; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
done
[ -x /usr/lib/systemd/systemd ] || skip "systemd is not installed"
unshare --mount --net --pid --cgroup --fork true 2>/dev/null || skip "this host cannot create namespaces"
[ -f "$deb" ] || { echo "sandbox-trial: FAIL: no such package: $deb" >&2; exit 1; }
[ -x "$fake" ] || { echo "sandbox-trial: FAIL: not an executable: $fake" >&2; exit 1; }

# The drop-in may replace the session, never a sandbox setting of the packaged unit.
unit_file=$here/../systemd/procart-kiosk.service
sandbox_keys=$(sed -n '/^# ---- Sandbox/,/^\[/p' "$unit_file" | sed -n 's/^\([A-Za-z]*\)=.*/\1/p' | sort -u)
[ -n "$sandbox_keys" ] || { echo "sandbox-trial: FAIL: no sandbox section in $unit_file" >&2; exit 1; }
for key in $sandbox_keys; do
  if grep -q "^$key=" "$here/kiosk-trial.conf"; then
    echo "sandbox-trial: FAIL: kiosk-trial.conf overrides the sandbox setting $key=" >&2
    exit 1
  fi
done

rm -rf "$out"
mkdir -p "$out"
out=$(realpath "$out")
status=0
# The machine's root: an empty directory here, a tmpfs inside the private mount namespace.
root=$(mktemp -d "${TMPDIR:-/tmp}/sandbox-trial-root.XXXXXX")
SANDBOX_TRIAL_STAGE=machine SANDBOX_TRIAL_ROOT=$root timeout -s KILL "$deadline_s" \
  unshare --mount --propagation private --net sh "$0" "$deb" "$fake" "$out" >"$out/machine.log" 2>&1 || status=$?

# The trial's cgroups are empty once its PID 1 is gone; remove them (the kernel may take a moment to let go).
if [ -f "$out/cgroup" ]; then
  trial_cgroup=$(cat "$out/cgroup")
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    [ -d "$trial_cgroup" ] || break
    find "$trial_cgroup" -depth -type d -exec rmdir {} + 2>/dev/null || sleep 0.5
  done
  [ ! -d "$trial_cgroup" ] || echo "sandbox-trial: warning: could not remove $trial_cgroup" >&2
fi

rmdir "$root" 2>/dev/null || echo "sandbox-trial: warning: could not remove $root" >&2

cat "$out/report" 2>/dev/null || true
verdict=$(cat "$out/verdict" 2>/dev/null || echo none)
if [ "$verdict" = pass ]; then
  echo "sandbox-trial: the kiosk works inside the packaged sandbox (logs in $out)"
  exit 0
fi
echo "sandbox-trial: FAIL: verdict '$verdict' (machine exit status $status); logs in $out:" >&2
tail -n 30 "$out/machine.log" "$out/console.log" "$out/runner.log" 2>/dev/null >&2 || true
exit 1
