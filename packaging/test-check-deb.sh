#!/bin/sh
# usage: test-check-deb.sh
# Tests check-deb.sh itself (the ctest packaging:check-deb-detects-defects), so that the checker is exercised even in
# builds without the kiosk app. It assembles packages with dpkg-deb from the real unit, session, config and
# maintainer-script files of this folder, plus two stand-in programs (shell scripts that print a version), then
# expects: the complete package passes; each damaged variant fails with the matching message.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/test-check-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
arch=$(dpkg --print-architecture)
failures=0

# build_package DIR NAME: a .deb like the real one, in $work/NAME.deb
build_package() {
  pkg=$1
  mkdir -p "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/lib/procart-kiosk" "$pkg/lib/systemd/system" \
    "$pkg/etc/procart-kiosk" "$pkg/etc/default" "$pkg/etc/pam.d" "$pkg/usr/share/procart-kiosk/i18n" \
    "$pkg/usr/share/doc/procart-kiosk/examples"
  cat >"$pkg/DEBIAN/control" <<EOF
Package: procart-kiosk
Version: 0.1.0
Architecture: $arch
Maintainer: test <test@localhost>
Depends: adduser, libpam-systemd, libc6 (>= 2.34), libstdc++6 (>= 5.2), libsdl2-2.0-0 (>= 2.0.12), libcurl4 (>= 7.16.2), libssl3 (>= 3.0.0)
Recommends: cage, fonts-dejavu-core
Description: stand-in for testing check-deb.sh
 Not a real kiosk.
EOF
  cp "$here/debian/conffiles" "$here/debian/postinst" "$here/debian/prerm" "$here/debian/postrm" "$pkg/DEBIAN/"
  chmod 755 "$pkg/DEBIAN/postinst" "$pkg/DEBIAN/prerm" "$pkg/DEBIAN/postrm"
  # shellcheck disable=SC2016  # the $1 belongs to the generated script
  printf '#!/bin/sh\n[ "${1:-}" = --version ] && echo "kiosk 0.1.0 (stand-in)"\n' >"$pkg/usr/bin/kiosk"
  # shellcheck disable=SC2016
  printf '#!/bin/sh\n[ "${1:-}" = --help ] && echo "usage: procart-sim (stand-in)"\n' >"$pkg/usr/bin/procart-sim"
  chmod 755 "$pkg/usr/bin/kiosk" "$pkg/usr/bin/procart-sim"
  cp "$here/session/xsession" "$pkg/usr/lib/procart-kiosk/xsession"
  chmod 755 "$pkg/usr/lib/procart-kiosk/xsession"
  cp "$here/systemd/procart-kiosk.service" "$here/systemd/procart-kiosk-xorg.service" "$pkg/lib/systemd/system/"
  cp "$here/kiosk.json" "$pkg/etc/procart-kiosk/kiosk.json"
  cp "$here/session/procart-kiosk.default" "$pkg/etc/default/procart-kiosk"
  cp "$here/session/procart-kiosk.pam" "$pkg/etc/pam.d/procart-kiosk"
  echo '{}' >"$pkg/usr/share/procart-kiosk/i18n/ru.json"
  echo '# doc' >"$pkg/usr/share/doc/procart-kiosk/OPERATIONS.md"
  echo '# doc' >"$pkg/usr/share/doc/procart-kiosk/CONFIGURATION.md"
  cp "$here/session/10-procart-kiosk.conf" "$pkg/usr/share/doc/procart-kiosk/examples/"
}

pack() { dpkg-deb --root-owner-group -b "$1" "$work/$2.deb" >/dev/null; }

# expect NAME pass|fail [TEXT]: run check-deb.sh on $work/NAME.deb
expect() {
  if sh "$here/check-deb.sh" "$work/$1.deb" >"$work/$1.log" 2>&1; then result=pass; else result=fail; fi
  if [ "$result" != "$2" ]; then
    echo "test-check-deb: $1: expected $2, got $result" >&2
    cat "$work/$1.log" >&2
    failures=$((failures + 1))
  elif [ -n "${3:-}" ] && ! grep -qF -- "$3" "$work/$1.log"; then
    echo "test-check-deb: $1: output lacks '$3'" >&2
    cat "$work/$1.log" >&2
    failures=$((failures + 1))
  else
    echo "test-check-deb: ok: $1 ($2${3:+: $3})"
  fi
}

build_package "$work/good"
pack "$work/good" good
expect good pass "all checks passed"

cp -a "$work/good" "$work/no-unit"
rm "$work/no-unit/lib/systemd/system/procart-kiosk.service"
pack "$work/no-unit" no-unit
expect no-unit fail "missing ./lib/systemd/system/procart-kiosk.service"

cp -a "$work/good" "$work/no-cage"
sed -i 's/^Recommends:.*/Recommends: fonts-dejavu-core/' "$work/no-cage/DEBIAN/control"
pack "$work/no-cage" no-cage
expect no-cage fail "Recommends lacks cage"

cp -a "$work/good" "$work/bad-version"
printf '#!/bin/sh\necho "segfault" >&2\nexit 139\n' >"$work/bad-version/usr/bin/kiosk"
pack "$work/bad-version" bad-version
expect bad-version fail "kiosk --version failed"

cp -a "$work/good" "$work/no-assets"
rm -r "$work/no-assets/usr/share/procart-kiosk/i18n"
pack "$work/no-assets" no-assets
expect no-assets fail "no asset files"

cp -a "$work/good" "$work/not-conffile"
sed -i '/kiosk.json/d' "$work/not-conffile/DEBIAN/conffiles"
pack "$work/not-conffile" not-conffile
expect not-conffile fail "/etc/procart-kiosk/kiosk.json is not a conffile"

cp -a "$work/good" "$work/bad-unit"
sed -i 's/^Restart=always/Restart=always\nRestartTypo=1/' "$work/bad-unit/lib/systemd/system/procart-kiosk.service"
pack "$work/bad-unit" bad-unit
if command -v systemd-analyze >/dev/null 2>&1; then
  expect bad-unit fail "Unknown key 'RestartTypo'"
fi

cp -a "$work/good" "$work/with-secrets"
echo '{}' >"$work/with-secrets/etc/procart-kiosk/secrets.json"
pack "$work/with-secrets" with-secrets
expect with-secrets fail "the package ships a secrets file"

if [ "$failures" -ne 0 ]; then
  echo "test-check-deb: $failures case(s) failed" >&2
  exit 1
fi
echo "test-check-deb: all cases behaved"
