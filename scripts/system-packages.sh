#!/usr/bin/env bash
# The Debian packages the tests run for real: Prometheus and promtool, Alertmanager, Chromium, and the
# docker-compose client (it validates docker-compose.yml; no Docker engine is needed or installed).
# Installs what is missing when run as root with apt (CI and the lab machines); otherwise says what
# to install and fails, so a test never skips silently.
set -euo pipefail

declare -A binary_of=(
  [prometheus]=promtool
  [prometheus-alertmanager]=amtool
  [chromium]=chromium
  [fonts-dejavu-core]=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
  [docker-compose]=docker-compose
)

missing=()
for pkg in "${!binary_of[@]}"; do
  probe="${binary_of[$pkg]}"
  if [[ "$probe" == /* ]]; then [[ -e "$probe" ]] || missing+=("$pkg")
  else command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg"); fi
done

if [[ ${#missing[@]} -eq 0 ]]; then exit 0; fi

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages the tests need: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "the tests need these Debian packages: ${missing[*]}" >&2
echo "install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
exit 1
