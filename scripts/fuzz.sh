#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan + libFuzzer coverage) in
# build-fuzz and runs each for FUZZ_SECONDS (default 30) on a copy of its seed corpus. First every
# committed seed and crash reproducer (tests/fuzz/seeds, tests/fuzz/regressions) is run once, so a
# fixed crash that comes back fails at once. Exits non-zero when any target crashes, hangs
# (-timeout=10), exceeds its memory or throws anything but embedlab::Error; the reproducer is saved
# under build-fuzz/fuzz-out/crashes/<target>/ and its path printed.
#
# Targets: every fuzz_* executable built (tests/fuzz/CMakeLists.txt): the readers, and the whole
# BERT and ELMo model directories (fuzz_bert_dir, fuzz_elmo_dir). Time: about FUZZ_SECONDS per
# target plus a second or two for the committed inputs (14 targets: ~7.5 min at 30 s).
#
# Environment: FUZZ_SECONDS (30), FUZZ_TARGETS (space-separated names; default all built),
# FUZZ_BUILD_DIR (build-fuzz), EMBEDLAB_JOBS (2).
# Reproduce a crash: build-fuzz/fuzz/<target> <reproducer file>
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


# Debian 12: clang 14 ("clang" -> clang-14). libFuzzer (libclang_rt.fuzzer-x86_64.a) and the
# sanitizer runtimes are in libclang-rt-14-dev, which libclang-common-14-dev only recommends, so an
# install without recommends lacks them; clang's omp.h and libomp are in libomp-14-dev.
install_missing clang libclang-rt-14-dev libomp-14-dev

FUZZ_SECONDS="${FUZZ_SECONDS:-30}"
FUZZ_BUILD_DIR="${FUZZ_BUILD_DIR:-$EMBEDLAB_ROOT/build-fuzz}"
OUT="$FUZZ_BUILD_DIR/fuzz-out"
SRC="$EMBEDLAB_ROOT/tests/fuzz"

if [ ! -f "$FUZZ_BUILD_DIR/CMakeCache.txt" ]; then
  # Release keeps assert() (EMBEDLAB_ASSERTS): a failed assertion is a finding too.
  CC=clang CXX=clang++ cmake -S "$EMBEDLAB_ROOT" -B "$FUZZ_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS="-gline-tables-only" -DEMBEDLAB_FUZZ=ON -DEMBEDLAB_BUILD_UI=OFF -DEMBEDLAB_BUILD_TESTS=OFF
fi
build_start=$(date +%s)
cmake --build "$FUZZ_BUILD_DIR" --target fuzz_targets --parallel "${EMBEDLAB_JOBS:-2}"
echo "== fuzz targets built in $(( $(date +%s) - build_start )) s"

# Largest input per target: big enough for every structure of the format, small enough that an
# input runs in milliseconds (a gzip input can inflate ~1000x).
max_len_of() {
  case "$1" in
    fuzz_corpus_reader|fuzz_task_files) echo 8192 ;;
    fuzz_word2vec_text|fuzz_word2vec_binary|fuzz_glove_tsv|fuzz_safetensors|fuzz_run_files) echo 16384 ;;
    # A whole model directory (tests/fuzz/ModelDirInput.h): a tiny model's tensors take most of it.
    fuzz_bert_dir|fuzz_elmo_dir) echo 16384 ;;
    *) echo 8192 ;;
  esac
}

# Leaks are findings too, but not Qt's own caches (fuzz_run_files); see .ci/lsan.supp.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:allocator_may_return_null=0"
export LSAN_OPTIONS="suppressions=$EMBEDLAB_ROOT/.ci/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export OMP_NUM_THREADS=1  # the targets are single-threaded; no idle OpenMP team per process
# The targets write each input to a file: tmpfs keeps that cheap (a disk-backed directory halves
# the rate). One directory for this run, removed at the end whatever happens.
EMBEDLAB_FUZZ_TMP="$(mktemp -d "$( [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/embedlab-fuzz.XXXXXX")"
export EMBEDLAB_FUZZ_TMP
trap 'rm -rf "$EMBEDLAB_FUZZ_TMP"' EXIT

rm -rf "$OUT/corpus" "$OUT/logs"
mkdir -p "$OUT/corpus" "$OUT/logs" "$OUT/crashes"

targets="${FUZZ_TARGETS:-}"
if [ -z "$targets" ]; then
  targets=$(cd "$FUZZ_BUILD_DIR/fuzz" && ls fuzz_* | sort)
fi

failed=()
summary="$OUT/summary.txt"
printf '%-22s %8s %10s %8s %7s %s\n' target seconds execs exec/s corpus result > "$summary"
for t in $targets; do
  bin="$FUZZ_BUILD_DIR/fuzz/$t"
  [ -x "$bin" ] || { echo "fuzz.sh: $t is not built" >&2; failed+=("$t (not built)"); continue; }
  max_len=$(max_len_of "$t")
  log="$OUT/logs/$t.log"
  crashes="$OUT/crashes/$t"
  mkdir -p "$crashes"

  # 1. Every committed input once.
  inputs=()
  for d in "$SRC/seeds/$t" "$SRC/regressions/$t"; do [ -d "$d" ] && inputs+=("$d"); done
  if [ ${#inputs[@]} -gt 0 ] && ! "$bin" -runs=0 -timeout=10 -artifact_prefix="$crashes/" "${inputs[@]}" > "$log.inputs" 2>&1; then
    echo "== $t: a committed seed or reproducer fails:" >&2
    tail -n 40 "$log.inputs" >&2
    failed+=("$t (committed inputs)")
    printf '%-22s %8s %10s %8s %7s %s\n' "$t" - - - - "FAILED on committed inputs" >> "$summary"
    continue
  fi

  # 2. Fuzz a copy of the seeds for FUZZ_SECONDS.
  corpus="$OUT/corpus/$t"
  mkdir -p "$corpus"
  [ -d "$SRC/seeds/$t" ] && cp "$SRC/seeds/$t"/* "$corpus"/
  echo "== $t: fuzzing ${FUZZ_SECONDS}s (max_len $max_len)"
  start=$(date +%s)
  rc=0
  # A fixed seed: CI explores the same inputs on every run (up to the time limit), so a red run
  # is a real find and not luck; FUZZ_SEED=0 lets libFuzzer pick one.
  "$bin" "$corpus" -seed="${FUZZ_SEED:-1}" -max_total_time="$FUZZ_SECONDS" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$crashes/" -print_final_stats=1 > "$log" 2>&1 || rc=$?
  secs=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  size=$(ls "$corpus" | wc -l)
  if [ "$rc" -ne 0 ]; then
    result="CRASH (exit $rc)"
    failed+=("$t")
    echo "== $t: FAILED (exit $rc); reproducer(s):" >&2
    ls -1 "$crashes"/* 2>/dev/null >&2 || true
    grep -E -m 3 'ERROR: |runtime error|embedlab fuzz:|deadly signal|ALARM|out-of-memory' "$log" >&2 || true
    echo "   full log: $log" >&2
  else
    result="ok"
  fi
  printf '%-22s %8s %10s %8s %7s %s\n' "$t" "$secs" "${execs:-?}" "${rate:-?}" "$size" "$result" >> "$summary"
done

echo
cat "$summary"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: failures: ${failed[*]}" >&2
  exit 1
fi
