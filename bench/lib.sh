# Shared preamble of the bench/*_peers.sh scripts (sourced, not run). Defines:
#   ROOT DATA PY                  the repository, ../shared/data (or $DATA), the Debian python3
#   bench_init NAME               names the script for log() and messages
#   log MESSAGE...                "[NAME] MESSAGE" on stderr
#   bench_common_arg ARGS...      one of the options every script takes (--threads N,
#                                 --skip-install, --skip-build, -h/--help); sets BENCH_SHIFT to the
#                                 words it used, exits 2 on an unknown option
#   bench_apt_install PKG...      Debian packages, quietly, updating the lists once if they are stale
#   bench_install_torch           python3-torch and OpenMP OpenBLAS for the PyTorch peers
#   bench_build [--quiet] [-DX=Y...] TARGET...   configures $BUILD (Release, no UI) and builds
# Defaults the scripts may override before or after sourcing: THREADS=2, SKIP_INSTALL=0,
# SKIP_BUILD=0. Torch peers run with the environment in TORCH_ENV (OpenBLAS 0.3.21 needs
# OPENBLAS_CORETYPE=SkylakeX to use this CPU's kernels).
# shellcheck shell=bash disable=SC2034  # the variables are the sourcing script's

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA=${DATA:-$ROOT/../shared/data}
PY=/usr/bin/python3
THREADS=2
SKIP_INSTALL=0
SKIP_BUILD=0
BENCH_NAME=bench
BENCH_SHIFT=1
OPENBLAS_OPENMP_DIR=/usr/lib/x86_64-linux-gnu/openblas-openmp

bench_init() { BENCH_NAME=$1; }

log() { echo "[$BENCH_NAME] $*" >&2; }

# The script's header comment (from line 2 to the first line that is not a comment).
bench_help() { awk 'NR == 1 { next } /^#/ { print; next } { exit }' "$0"; }

bench_common_arg() {
  case "$1" in
    --threads) THREADS=$2; BENCH_SHIFT=2 ;;
    --skip-install) SKIP_INSTALL=1; BENCH_SHIFT=1 ;;
    --skip-build) SKIP_BUILD=1; BENCH_SHIFT=1 ;;
    -h|--help) bench_help; exit 0 ;;
    *) echo "$BENCH_NAME.sh: unknown argument $1" >&2; exit 2 ;;
  esac
}

bench_sudo() { [ "$(id -u)" -ne 0 ] && echo sudo || true; }

bench_apt_install() {
  local sudo
  sudo=$(bench_sudo)
  log "installing $*"
  $sudo apt-get install -y "$@" >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y "$@" >/dev/null; }
}

bench_install_torch() {
  local need=""
  $PY -c 'import torch' 2>/dev/null || need="$need python3-torch"
  [ -d "$OPENBLAS_OPENMP_DIR" ] || need="$need libopenblas0-openmp"
  if [ -n "$need" ]; then
    log "installing$need"
    # shellcheck disable=SC2086  # one word a package
    $(bench_sudo) apt-get install -y --no-install-recommends $need >&2
  fi
}
TORCH_ENV=(env "LD_LIBRARY_PATH=$OPENBLAS_OPENMP_DIR" OPENBLAS_CORETYPE=SkylakeX)

bench_build() {
  local quiet=0 defs=()
  [ "${1:-}" = --quiet ] && { quiet=1; shift; }
  while [ $# -gt 0 ] && [ "${1#-D}" != "$1" ]; do defs+=("$1"); shift; done
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEMBEDLAB_BUILD_UI=OFF "${defs[@]}" >/dev/null
  if [ "$quiet" = 1 ]; then
    cmake --build "$BUILD" --target "$@" -j2 >/dev/null
  else
    cmake --build "$BUILD" --target "$@" -j2 >&2
  fi
}
