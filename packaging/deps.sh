#!/bin/sh
# Installs the Debian 12 packages the kiosk needs to build, test and run its demo (systemd: systemd-analyze rates the
# units' sandbox; jq: the package checks edit and read JSON).
# Idempotent: asks dpkg first and calls apt-get (and `apt-get update`) only when something is missing.
set -eu

PACKAGES="
build-essential cmake pkg-config
libsdl2-dev libimgui-dev libstb-dev
libcurl4-openssl-dev nlohmann-json3-dev libcpp-httplib-dev
libssl-dev zlib1g-dev libbrotli-dev
libsystemd-dev
catch2
clang libclang-rt-14-dev
fonts-dejavu-core
xvfb xauth
dpkg-dev file
systemd jq
"

missing=""
for p in $PACKAGES; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $p" ;;
  esac
done

[ -z "$missing" ] && exit 0

echo "deps.sh: installing missing Debian packages:$missing" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "deps.sh: need root (or sudo) to install:$missing" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y --no-install-recommends $missing
