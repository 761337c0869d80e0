#!/usr/bin/env bash
# Install the Debian packages gongkai needs, when they are missing and we may install them.
set -euo pipefail

packages=(chromium fonts-noto-cjk libharfbuzz-subset0)
if [[ "${GONGKAI_WITH_POSTGRES:-}" == "1" ]]; then
  # redis-server: the shared cache of the multi-server test (tests/multiserver/).
  packages+=(postgresql redis-server)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages: ${missing[*]}"
  echo "Install them with: sudo apt-get install ${missing[*]}"
  echo "(browser tests are skipped and PDF output is unavailable until then)"
fi
