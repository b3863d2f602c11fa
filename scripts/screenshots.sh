#!/usr/bin/env bash
# Builds EmbedLab, runs the window offscreen through its main states after a short real Word2Vec
# training on the default corpus, and writes PNGs to docs/screenshots/ (or the folder given).
# The Chinese picture needs a CJK font: fonts-wqy-microhei is installed here (and only here).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
embedlab_install_packages fonts-wqy-microhei
# Only the program (and the default corpus it trains on) is needed, not the whole tree.
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  # shellcheck disable=SC2086
  cmake -S "$EMBEDLAB_ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" ${EMBEDLAB_CMAKE_ARGS:-}
fi
cmake --build "$BUILD_DIR" --target embedlab --parallel "${EMBEDLAB_JOBS:-2}"
out="${1:-$EMBEDLAB_ROOT/docs/screenshots}"
mkdir -p "$out"
eval_dir="$EMBEDLAB_ROOT/../shared/data/eval"
[ -d "$eval_dir" ] && export EMBEDLAB_SCREENSHOT_EVAL_DIR="$eval_dir"
# A memory ceiling: the training chart has been seen to grow its layout without bound when its page
# is shown for the first time (see the report of issue 3); better a failed picture than a machine
# out of memory.
(ulimit -v 4000000 && QT_QPA_PLATFORM=offscreen "$BUILD_DIR/bin/embedlab" --screenshots "$out")
echo "Screenshots in $out"
