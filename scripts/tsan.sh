#!/usr/bin/env bash
# ThreadSanitizer run of the threaded suites: Word2Vec training (Hogwild threads, progress
# publication, stop), the BERT and ELMo trainers, and the window's suites that start threads:
# the training worker and its cancellation (TrainingWorker), the Train, BERT and ELMo pages and
# the main window (training jobs, saves on std::async), the Explore map (ProjectionController's
# PCA / t-SNE thread) and the Evaluate page (BackgroundTask). Builds only those suites, with clang
# and -fsanitize=thread, in build-tsan (UI on: the window suites link embedlab_ui).
#
# Why clang: OpenMP. GCC's libgomp is not instrumented, so TSan cannot see its barriers and
# reports every OpenMP team's hand-over of data as a race. Clang's libomp (libomp-14-dev) ships
# Archer (libarcher.so), an OMPT tool that tells TSan about OpenMP's synchronisation (barriers,
# fork/join, reductions, critical sections): with it no OpenMP false positives need suppressing.
# What is suppressed, and why: .ci/tsan.supp (EmbedLab's own code: nothing) and scripts/tsan.supp
# (inside Debian's Qt, which is not built with TSan); the two are joined into one file for the run.
# The window suites build embedlab_ui, hence all of embedlab_core: every core folder must compile
# with clang. A suite that does not build fails the run; it is not skipped.
#
# Time (2 cores): the first build of embedlab_ui and the suites under TSan is the long part (the
# whole UI and core compiled once more); re-runs are incremental. The script prints the build
# and the run time.
#
# Environment: TSAN_SUITES (CTest names, space-separated; default below), TSAN_UI (1; 0 leaves
# the window suites out, e.g. on a machine without Qt's development packages), TSAN_BUILD_DIR
# (build-tsan), EMBEDLAB_JOBS (2). Extra arguments go to ctest.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

# Installs the given Debian packages when missing (sudo only when not root, as setup.sh does).
# Only these: setup.sh's own list names two virtual packages (libqt6charts6-dev, libqt6svg6-dev)
# that dpkg never reports as installed, so its installer would run apt-get on every call.
install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing packages: ${missing[*]}" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_missing clang libclang-rt-14-dev libomp-14-dev

TSAN_BUILD_DIR="${TSAN_BUILD_DIR:-$EMBEDLAB_ROOT/build-tsan}"
if [ ! -f "$TSAN_BUILD_DIR/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S "$EMBEDLAB_ROOT" -B "$TSAN_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS="-gline-tables-only" -DEMBEDLAB_TSAN=ON -DEMBEDLAB_BUILD_UI=ON -DEMBEDLAB_BUILD_TESTS=ON
fi

# The suites that start threads (OpenMP teams, std::thread) and stop them. Window suites that
# start none (charts, the map widget, the run table, the heat maps, test_runs) are not here: TSan
# would only make them slower. Status (2026-11-30): all fourteen suites below ran clean under TSan
# (the first twelve four times or more, Continue run and the Word2Vec resume page twice; with
# .ci/tsan.supp empty and scripts/tsan.supp's one Qt line), and CI runs them all.
# Measured on the shared 2-core machine at load 8-13: a cold build dir (configure + embedlab_core
# + embedlab_ui + the suites, 225 steps) took ~16 min wall but only ~9-10 CPU-minutes, i.e. about
# 5 min on two idle cores; the suites run in 55-90 s. The workers lower their own priority
# (ui/util/ThreadPriority.h): on a machine loaded far beyond its cores the worker starves and a
# suite's wait (e.g. 10 s for 400 reports) could time out; that would be load, not a race
# (TSAN_UI=0 runs the core suites alone). No such timeout was seen at load 13.
default_suites="core_models_word2vec_test_word2vec core_models_word2vec_test_word2vec_resume
  core_models_elmo_test_elmo_trainer core_models_bert_test_bert_pretrainer"
ui_suites="ui_test_training_worker ui_test_train_page ui_test_main_window ui_test_explore_map
  ui_test_evaluate_charts ui_test_evaluate_compare ui_test_bert_page ui_test_elmo_page
  ui_test_continue_run ui_test_word2vec_resume_ui"
[ "${TSAN_UI:-1}" = 1 ] && default_suites="$default_suites $ui_suites"
# Suites are found by a glob at configure time: re-run it so that new ones are known.
cmake "$TSAN_BUILD_DIR" > /dev/null
suites=()
# The target list is read once into a variable: `ninja ... | grep -q` under pipefail fails at
# random, when grep stops reading before ninja has written everything (SIGPIPE).
targets=$(ninja -C "$TSAN_BUILD_DIR" -t targets all 2>/dev/null || true)
for s in ${TSAN_SUITES:-$default_suites}; do
  # A suite whose source is not there (yet) is left out, not a failure.
  if grep -q "^$s:" <<< "$targets"; then suites+=("$s"); else
    echo "tsan.sh: no suite $s in this tree, skipped" >&2; fi
done
[ ${#suites[@]} -gt 0 ] || { echo "tsan.sh: no suites to run" >&2; exit 1; }

build_start=$(date +%s)
cmake --build "$TSAN_BUILD_DIR" --target "${suites[@]}" --parallel "${EMBEDLAB_JOBS:-2}"
build_seconds=$(( $(date +%s) - build_start ))
echo "== TSan suites built in $build_seconds s"

# libomp loads Archer when OMP_TOOL_LIBRARIES names it (Debian does not put it on the loader's
# path). ignore_noninstrumented_modules: accesses made inside uninstrumented libraries (Qt,
# libomp, libstdc++'s compiled parts) are not reported; their synchronisation still counts.
archer=$(ls /usr/lib/llvm-*/lib/libarcher.so 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$archer" ] && export OMP_TOOL_LIBRARIES="$archer"
# TSan reads one suppressions file: EmbedLab's (.ci/tsan.supp) and Qt's (scripts/tsan.supp) joined.
supp="$TSAN_BUILD_DIR/tsan.supp"
cat "$EMBEDLAB_ROOT/.ci/tsan.supp" "$EMBEDLAB_ROOT/scripts/tsan.supp" > "$supp"
export TSAN_OPTIONS="suppressions=$supp:ignore_noninstrumented_modules=1:halt_on_error=0:second_deadlock_stack=1:print_suppressions=0"
export ARCHER_OPTIONS="verbose=0"
export QT_QPA_PLATFORM=offscreen

regex="^($(IFS='|'; echo "${suites[*]}"))\$"
cd "$TSAN_BUILD_DIR"
# One suite at a time: TSan multiplies time and memory, and the window suites run alone anyway.
run_start=$(date +%s)
rc=0
ctest --output-on-failure --timeout 900 -R "$regex" "$@" || rc=$?
echo "== TSan: build $build_seconds s, run $(( $(date +%s) - run_start )) s (${#suites[@]} suites)"
exit $rc
