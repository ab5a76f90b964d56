#!/bin/sh
# usage: check-deb.sh PACKAGE.deb
# CI check of the kiosk's Debian package: metadata and contents (dpkg-deb -I/-c), maintainer scripts, the systemd
# units, then extraction into a throwaway root (dpkg -x) and a run of the extracted `kiosk --version` and
# `procart-sim --help`. Prints one line per check; exits non-zero when any check failed.
# shellcheck disable=SC2015  # ok() cannot fail, so "test && ok || fail" is an if/else here
set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 PACKAGE.deb" >&2
  exit 2
fi
deb=$1
failures=0

fail() {
  echo "check-deb: FAIL: $*" >&2
  failures=$((failures + 1))
}
ok() { echo "check-deb: ok: $*"; }
# contains LIST WORD: is WORD one of the comma-separated package names in LIST (versions ignored)?
contains() {
  echo "$1" | tr ',|' '\n' | sed 's/(.*//; s/^ *//; s/ *$//' | grep -qx "$2"
}

[ -f "$deb" ] || { echo "check-deb: FAIL: no such file: $deb" >&2; exit 1; }
dpkg-deb -I "$deb" >/dev/null || { echo "check-deb: FAIL: dpkg-deb cannot read $deb" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/check-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# ---- Metadata (dpkg-deb -I) -------------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1" 2>/dev/null || true; }
package=$(field Package)
version=$(field Version)
architecture=$(field Architecture)
depends=$(field Depends)
recommends=$(field Recommends)

[ "$package" = procart-kiosk ] && ok "Package: $package" || fail "Package is '$package', expected procart-kiosk"
[ -n "$version" ] && ok "Version: $version" || fail "no Version"
host_arch=$(dpkg --print-architecture)
[ "$architecture" = "$host_arch" ] && ok "Architecture: $architecture" ||
  fail "Architecture is '$architecture', expected $host_arch"
[ -n "$(field Maintainer)" ] && ok "Maintainer set" || fail "no Maintainer"
[ -n "$(field Description)" ] && ok "Description set" || fail "no Description"

# Computed by dpkg-shlibdeps (libc6, SDL2, curl, OpenSSL …) plus what the scripts and the session need.
for name in libc6 libstdc++6 libsdl2-2.0-0 libcurl4 libssl3 adduser libpam-systemd; do
  contains "$depends" "$name" && ok "Depends on $name" || fail "Depends lacks $name: $depends"
done
for name in cage fonts-dejavu-core; do
  contains "$recommends" "$name" && ok "Recommends $name" || fail "Recommends lacks $name: $recommends"
done

# ---- Control files: conffiles and maintainer scripts ----------------------------------------------------------
dpkg-deb -e "$deb" "$work/control"
for conffile in /etc/procart-kiosk/kiosk.json /etc/default/procart-kiosk /etc/pam.d/procart-kiosk; do
  grep -qx "$conffile" "$work/control/conffiles" 2>/dev/null && ok "conffile $conffile" ||
    fail "$conffile is not a conffile"
done
for script in postinst prerm postrm; do
  if [ -x "$work/control/$script" ] && sh -n "$work/control/$script"; then
    ok "$script present, executable, valid sh"
  else
    fail "$script missing, not executable, or not valid sh"
  fi
done
grep -q 'adduser --system' "$work/control/postinst" && ok "postinst creates the system user" ||
  fail "postinst does not create the procart-kiosk user"

# ---- Contents (dpkg-deb -c) -----------------------------------------------------------------------------------
dpkg-deb -c "$deb" >"$work/contents"
# Column 6 is the path; a symlink line has "-> target" after it.
awk '{ print $6 }' "$work/contents" >"$work/paths"
has_path() { grep -qx "$1" "$work/paths"; }
mode_of() { awk -v p="$1" '$6 == p { print $1 }' "$work/contents"; }

for path in ./usr/bin/kiosk ./usr/bin/procart-sim ./usr/lib/procart-kiosk/xsession; do
  if has_path "$path"; then
    case "$(mode_of "$path")" in
      -rwxr-xr-x) ok "$path (executable)" ;;
      *) fail "$path has mode $(mode_of "$path")" ;;
    esac
  else
    fail "missing $path"
  fi
done
for path in ./lib/systemd/system/procart-kiosk.service ./lib/systemd/system/procart-kiosk-xorg.service \
  ./etc/procart-kiosk/kiosk.json ./etc/default/procart-kiosk ./etc/pam.d/procart-kiosk \
  ./usr/share/doc/procart-kiosk/OPERATIONS.md ./usr/share/doc/procart-kiosk/CONFIGURATION.md \
  ./usr/share/doc/procart-kiosk/examples/10-procart-kiosk.conf; do
  has_path "$path" && ok "$path" || fail "missing $path"
done
asset_count=$(awk '$1 ~ /^-/ && $6 ~ /^\.\/usr\/share\/procart-kiosk\// { n++ } END { print n + 0 }' "$work/contents")
[ "$asset_count" -gt 0 ] && ok "$asset_count asset files in /usr/share/procart-kiosk" ||
  fail "no asset files under /usr/share/procart-kiosk"
if grep -q 'secrets.json' "$work/paths"; then fail "the package ships a secrets file"; else ok "no secrets shipped"; fi

# ---- Extract into a throwaway root ------------------------------------------------------------------------------
root="$work/root"
mkdir "$root"
dpkg -x "$deb" "$root"

unit="$root/lib/systemd/system/procart-kiosk.service"
for line in 'Type=notify' 'Restart=always' 'User=procart-kiosk' 'StateDirectory=procart-kiosk' \
  'CacheDirectory=procart-kiosk' 'TTYPath=/dev/tty1' 'Conflicts=getty@tty1.service procart-kiosk-xorg.service'; do
  grep -qx "$line" "$unit" && ok "unit: $line" || fail "unit lacks '$line'"
done
grep -q '^WatchdogSec=[1-9]' "$unit" && ok "unit: WatchdogSec set" || fail "unit lacks WatchdogSec="
# env(1) first: it points XDG_RUNTIME_DIR at the unit's runtime directory (see the unit's comment).
grep -q '^ExecStart=\(/usr/bin/env [A-Z_]*=[^ ]* \)*/usr/bin/cage .* -- /usr/bin/kiosk' "$unit" &&
  ok "unit: kiosk under cage" || fail "unit does not start the kiosk under cage"
if command -v systemd-analyze >/dev/null 2>&1; then
  # cage and xinit belong to other packages: their absence here is expected; any other remark is a defect.
  for u in "$unit" "$root/lib/systemd/system/procart-kiosk-xorg.service"; do
    remarks=$(systemd-analyze verify "$u" 2>&1 | grep -v 'Command /usr/bin/\(cage\|xinit\) is not executable' || true)
    [ -z "$remarks" ] && ok "systemd-analyze verify $(basename "$u")" || fail "systemd-analyze: $remarks"
  done
  # The packaged units' sandbox: exposure at most 4.5, the same in both (check-sandbox.sh).
  if sandbox=$(sh "$(dirname "$0")/check-sandbox.sh" "$root/lib/systemd/system" 2>&1); then
    ok "sandbox: $(echo "$sandbox" | sed -n 's/^check-sandbox: ok: \(.*exposure.*\) (at most.*/\1/p' | paste -sd ';' -)"
  else
    fail "sandbox: $sandbox"
  fi
fi

config="$root/etc/procart-kiosk/kiosk.json"
if command -v jq >/dev/null 2>&1; then
  jq -e '.procart.url and .terminal.driver and .paths.state_dir == "/var/lib/procart-kiosk"' "$config" >/dev/null &&
    ok "default kiosk.json is JSON with the expected keys" || fail "default kiosk.json is not the expected JSON"
elif command -v python3 >/dev/null 2>&1; then
  python3 -m json.tool "$config" >/dev/null && ok "default kiosk.json is JSON" || fail "default kiosk.json is not JSON"
fi

# ---- Run the extracted programs -----------------------------------------------------------------------------------
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch 2>/dev/null || echo "")
LD_LIBRARY_PATH="$root/usr/lib/procart-kiosk:$root/usr/lib${multiarch:+/$multiarch}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export LD_LIBRARY_PATH
for program in kiosk procart-sim; do
  if [ -x "$root/usr/bin/$program" ]; then
    missing=$(ldd "$root/usr/bin/$program" 2>&1 | grep 'not found' || true)
    [ -z "$missing" ] && ok "$program: every shared library found" || fail "$program: $missing"
  fi
done

upstream=${version%%-*}
if [ -x "$root/usr/bin/kiosk" ]; then
  if out=$(cd "$work" && SDL_VIDEODRIVER=dummy timeout 20 "$root/usr/bin/kiosk" --version 2>&1); then
    case "$out" in
      *"$upstream"*) ok "kiosk --version: $out" ;;
      *) fail "kiosk --version does not print $upstream: $out" ;;
    esac
  else
    fail "kiosk --version failed: $out"
  fi
fi
if [ -x "$root/usr/bin/procart-sim" ]; then
  if out=$(cd "$work" && timeout 20 "$root/usr/bin/procart-sim" --help 2>&1); then
    [ -n "$out" ] && ok "procart-sim --help" || fail "procart-sim --help printed nothing"
  else
    fail "procart-sim --help failed: $out"
  fi
fi

if [ "$failures" -ne 0 ]; then
  echo "check-deb: $failures check(s) failed for $deb" >&2
  exit 1
fi
echo "check-deb: all checks passed for $deb"
