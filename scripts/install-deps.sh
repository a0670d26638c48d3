#!/usr/bin/env bash
# Installs the Debian 12 packages Parallax needs to build and test, with
# apt-get, only when some are missing. Needs root (or sudo).
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config          # toolchain
  libabsl-dev libre2-dev libfmt-dev         # libraries
  libsimdjson-dev                           # JSON Lines input
  libsqlite3-dev libcpp-httplib-dev         # the review desk (parallax serve)
  libgtest-dev libgmock-dev libbenchmark-dev  # tests and benchmarks
  libopenmpi-dev openmpi-bin                # scans shared by MPI processes
  python3 python3-jsonschema                # report schema check
  nodejs chromium                           # the review desk's browser test
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
