#!/usr/bin/env bash
# Word2Vec against its peers on the same tokens, the same settings, the same machine, the same run.
#
#   bench/word2vec_peers.sh [--arch sg|cbow|both] [--repeats N] [--threads N] [--eval auto|cli|gensim]
#                           [--skip-install] [--skip-build]
#
# 1. installs the peers if missing: fastText and gensim (Debian packages `fasttext`,
#    `python3-gensim`), Mikolov's word2vec.c (its C source ships in the npm package `word2vec`;
#    compiled here into bench/out/, never committed);
# 2. builds embedlab-cli (Release, no assertions) in $BUILD (default build-bench);
# 3. prepares ONE pre-tokenized, lowercased text file from the three English corpora of
#    ../shared/data/corpora with our tokenizer (`embedlab-cli corpus tokenize`), so every tool
#    splits the same tokens on whitespace;
# 4. per architecture trains ours, fastText, gensim (corpus_file=, its fastest mode) and
#    word2vec.c with dim 100, window 5, negative 5, epochs 5, min-count 5, sample 1e-4, the
#    same start learning rate (0.025 sg, 0.05 cbow; each tool decays it by its own schedule: ours
#    to 0.1 x the start, its default --min-alpha-ratio), N threads (default 2), and measures the
#    whole-process wall time of each; the runs of one repetition follow each other directly so
#    that they share the machine's load;
# 5. evaluates every tool's vectors the same way: Google analogies (restrict 30000, 3CosAdd) and
#    WordSim-353 Spearman, with `embedlab-cli eval` when it works, otherwise gensim's
#    evaluate_word_analogies / evaluate_word_pairs (bench/peers/evaluate.py) for all four;
# 6. prints a Markdown table (also written to $OUT/results-<arch>.md): wall seconds (median over
#    repeats, every run listed) and CPU seconds (user + sys) of each process, peer/ours ratios,
#    analogy accuracy, Spearman.
# Not a test: nothing here asserts; it measures.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
bench_init word2vec_peers
BUILD=${BUILD:-$ROOT/build-bench}
OUT=${OUT:-$ROOT/bench/out/word2vec}
ARCHS="sg cbow"
REPEATS=1
EVAL=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) ARCHS=$([ "$2" = both ] && echo "sg cbow" || echo "$2"); shift 2 ;;
    --repeats) REPEATS=$2; shift 2 ;;
    --eval) EVAL=$2; shift 2 ;;
    *) bench_common_arg "$@"; shift "$BENCH_SHIFT" ;;
  esac
done
mkdir -p "$OUT"
W2V_DIR=$ROOT/bench/out/word2vec-c
W2V=$W2V_DIR/word2vec
CLI=${CLI:-$BUILD/bin/embedlab-cli}

# ---- 1. peers ----------------------------------------------------------------------------------
install_peers() {
  local need=()
  command -v fasttext >/dev/null || need+=(fasttext)
  $PY -c "import gensim" 2>/dev/null || need+=(python3-gensim)
  [ ${#need[@]} -eq 0 ] || bench_apt_install "${need[@]}"
  if [ ! -x "$W2V" ]; then
    log "fetching word2vec.c (npm package word2vec) and compiling it"
    mkdir -p "$W2V_DIR"
    (cd "$W2V_DIR" && rm -rf package word2vec-*.tgz && npm pack word2vec >/dev/null 2>&1 && tar xzf word2vec-*.tgz)
    gcc -O3 -march=native -funroll-loops -pthread "$W2V_DIR/package/src/word2vec.c" -o "$W2V" -lm
  fi
}
[ "$SKIP_INSTALL" = 1 ] || install_peers

# ---- 2. ours -----------------------------------------------------------------------------------
if [ "$SKIP_BUILD" = 0 ]; then
  log "building embedlab-cli in $BUILD"
  bench_build --quiet -DEMBEDLAB_BUILD_TESTS=OFF -DEMBEDLAB_ASSERTS=OFF embedlab-cli
fi
[ -x "$CLI" ] || { echo "word2vec_peers.sh: $CLI not found (build it or set CLI=...)" >&2; exit 1; }

# ---- 3. one token stream for everyone ----------------------------------------------------------
CORPUS=$OUT/corpus.txt
if [ ! -s "$CORPUS" ]; then
  log "tokenizing kjv + wordnet-glosses + gcide into $CORPUS"
  "$CLI" corpus tokenize --corpus "$DATA/corpora/kjv.txt.gz" --corpus "$DATA/corpora/wordnet-glosses.txt.gz" \
    --corpus "$DATA/corpora/gcide.txt.gz" --out "$CORPUS" >/dev/null
fi
log "corpus: $(wc -l < "$CORPUS") lines, $(wc -w < "$CORPUS") tokens"

QUESTIONS=$DATA/eval/questions-words.txt
WORDSIM=$DATA/eval/wordsim353.tsv

# ---- 4. training -------------------------------------------------------------------------------
# Runs a command, appends "tool wall_seconds" to $TIMES; output goes to $OUT/<tool>-<arch>.log.
timed() {
  local tool=$1 arch=$2
  shift 2
  # GNU time: wall seconds and the CPU seconds (user + sys) of the whole process tree. CPU time
  # is printed beside wall time because on a shared machine it is the less load-dependent one.
  /usr/bin/time -o "$OUT/$tool-$arch.time" -f "%e %U %S" "$@" >"$OUT/$tool-$arch.log" 2>&1 ||
    { echo "word2vec_peers.sh: $tool failed, see $OUT/$tool-$arch.log" >&2; exit 1; }
  echo "$tool $(tail -1 "$OUT/$tool-$arch.time" | awk '{print $1, $2 + $3}')" >>"$TIMES"
}

train_all() {
  local arch=$1 cbow lr
  if [ "$arch" = sg ]; then cbow=0; lr=0.025; else cbow=1; lr=0.05; fi
  timed ours "$arch" "$CLI" train word2vec --corpus "$CORPUS" --pre-tokenized --arch "$arch" --loss ns --dim 100 \
    --window 5 --negative 5 --epochs 5 --min-count 5 --sample 1e-4 --alpha $lr --threads "$THREADS" \
    --out "$OUT/ours-$arch.vec"
  timed fasttext "$arch" fasttext "$([ "$arch" = sg ] && echo skipgram || echo cbow)" -input "$CORPUS" \
    -output "$OUT/fasttext-$arch" -dim 100 -ws 5 -neg 5 -epoch 5 -minCount 5 -t 1e-4 -lr $lr -thread "$THREADS" \
    -minn 0 -maxn 0 -verbose 0
  timed gensim "$arch" $PY "$ROOT/bench/peers/gensim_train.py" "$CORPUS" "$OUT/gensim-$arch.vec" "$arch" "$THREADS" 5 1e-4 $lr
  timed word2vec.c "$arch" "$W2V" -train "$CORPUS" -output "$OUT/word2vec.c-$arch.vec" -cbow $cbow -size 100 -window 5 \
    -negative 5 -hs 0 -sample 1e-4 -threads "$THREADS" -iter 5 -min-count 5 -alpha $lr -binary 0
}

# ---- 5. evaluation -----------------------------------------------------------------------------
cli_eval_works() {
  "$CLI" eval analogies --help >/dev/null 2>&1 && "$CLI" eval similarity --help >/dev/null 2>&1
}
# Prints "accuracy spearman" (both in [0,1]) for a vectors file.
evaluate() {
  local vectors=$1
  if [ "$EVAL_MODE" = cli ]; then
    local a s
    a=$("$CLI" eval analogies --vectors "$vectors" --questions "$QUESTIONS" --restrict-vocab 30000 2>/dev/null |
      $PY -c 'import json,sys; print(json.load(sys.stdin)["accuracy"])')
    s=$("$CLI" eval similarity --vectors "$vectors" --pairs "$WORDSIM" 2>/dev/null |
      $PY -c 'import json,sys; print(json.load(sys.stdin)["spearman"])')
    echo "$a $s"
  else
    $PY "$ROOT/bench/peers/evaluate.py" "$vectors" "$QUESTIONS" "$WORDSIM" |
      $PY -c 'import json,sys; d=json.load(sys.stdin); print(d["analogy_accuracy"], d["spearman"])'
  fi
}
EVAL_MODE=$EVAL
if [ "$EVAL_MODE" = auto ]; then cli_eval_works && EVAL_MODE=cli || EVAL_MODE=gensim; fi

# ---- 6. report ---------------------------------------------------------------------------------
for arch in $ARCHS; do
  TIMES=$OUT/times-$arch.txt
  : >"$TIMES"
  for r in $(seq 1 "$REPEATS"); do
    log "$arch: repetition $r of $REPEATS (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    train_all "$arch"
  done
  declare -A VEC=([ours]="$OUT/ours-$arch.vec" [fasttext]="$OUT/fasttext-$arch.vec" [gensim]="$OUT/gensim-$arch.vec"
                  [word2vec.c]="$OUT/word2vec.c-$arch.vec")
  EVALS=$OUT/evals-$arch.txt
  : >"$EVALS"
  for tool in ours fasttext gensim word2vec.c; do
    echo "$tool $(evaluate "${VEC[$tool]}")" >>"$EVALS"
  done
  $PY - "$arch" "$TIMES" "$EVALS" "$EVAL_MODE" "$THREADS" >"$OUT/results-$arch.md" <<'EOF'
import statistics, sys
arch, times_file, evals_file, eval_mode, threads = sys.argv[1:6]
times, cpus = {}, {}
for line in open(times_file):
    tool, sec, cpu = line.split()
    times.setdefault(tool, []).append(float(sec))
    cpus.setdefault(tool, []).append(float(cpu))
evals = {}
for line in open(evals_file):
    tool, acc, rho = line.split()
    evals[tool] = (float(acc), float(rho))
med = {t: statistics.median(v) for t, v in times.items()}
tools = ["ours", "fasttext", "gensim", "word2vec.c"]
print(f"### {arch} ({threads} threads; evaluation: {eval_mode})\n")
cpu = {t: statistics.median(v) for t, v in cpus.items()}
print("| tool | wall s (median) | runs | wall / ours | CPU s (median) | CPU / ours | analogy acc % | WordSim-353 Spearman |")
print("|---|---:|---|---:|---:|---:|---:|---:|")
for t in tools:
    runs = ", ".join(f"{x:.1f}" for x in times[t])
    print(f"| {t} | {med[t]:.1f} | {runs} | {med[t] / med['ours']:.2f} | {cpu[t]:.1f} | {cpu[t] / cpu['ours']:.2f} | "
          f"{100 * evals[t][0]:.2f} | {evals[t][1]:.3f} |")
peers = [t for t in tools if t != "ours"]
fastest = min(peers, key=lambda t: med[t])
best_acc = max(100 * evals[t][0] for t in peers)
best_rho = max(evals[t][1] for t in peers)
print()
print(f"Fastest peer: {fastest} ({med[fastest]:.1f} s); ours {med['ours']:.1f} s -> speed-up "
      f"{med[fastest] / med['ours']:.2f}x (target >= 1.5x: {'met' if med[fastest] / med['ours'] >= 1.5 else 'NOT met'}).")
print(f"Analogy: ours {100 * evals['ours'][0]:.2f} vs best peer {best_acc:.2f} "
      f"({'met' if 100 * evals['ours'][0] >= best_acc - 1 else 'NOT met'}: >= best - 1 point); "
      f"Spearman: ours {evals['ours'][1]:.3f} vs best peer {best_rho:.3f} "
      f"({'met' if evals['ours'][1] >= best_rho - 0.01 else 'NOT met'}: >= best - 0.01).")
EOF
  cat "$OUT/results-$arch.md"
  echo
done
