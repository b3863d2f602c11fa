#!/usr/bin/env bash
# Shared set-up for run.sh and test.sh: install the Debian 12 packages that are missing,
# then configure and build (incremental on re-run). Sourced, not run.
# Environment: BUILD_DIR (default build), BUILD_TYPE (Release), EMBEDLAB_CMAKE_ARGS (extra).
set -euo pipefail

EMBEDLAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$EMBEDLAB_ROOT/build}"
BUILD_TYPE="${BUILD_TYPE:-Release}"

EMBEDLAB_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
  libeigen3-dev nlohmann-json3-dev zlib1g-dev
  wordnet-base fonts-dejavu-core
)

embedlab_install_packages() {
  local missing=()
  for p in "${EMBEDLAB_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing packages: ${missing[*]}" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

embedlab_build() {
  local jobs="${EMBEDLAB_JOBS:-2}"
  if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
    # shellcheck disable=SC2086
    cmake -S "$EMBEDLAB_ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" ${EMBEDLAB_CMAKE_ARGS:-}
  fi
  cmake --build "$BUILD_DIR" --parallel "$jobs"
}
