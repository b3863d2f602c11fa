#!/usr/bin/env bash
# Word2Vec quality sweep: how our analogy accuracy and WordSim-353 Spearman move with the settings
# the issue leaves open (start learning rate, how the corpus is split between threads and visited,
# kernel), on the corpus and with the evaluation of bench/word2vec_peers.sh.
#
#   bench/word2vec_quality_sweep.sh [--seeds "1 2 3"] [--threads N] [--skip-build] [SETTING...]
#
# A SETTING is  NAME:ARCH:EXTRA-ARGS  (EXTRA-ARGS comma-separated, passed to `embedlab-cli train
# word2vec` after the fixed settings dim 100, window 5, negative 5, epochs 5, min-count 5,
# sample 1e-4, N threads), e.g.  "sg-a05:sg:--alpha,0.05"  or  "cbow-chunk:cbow:--chunk-bytes,1000000".
# Without SETTINGs it runs the default list below. Each run appends one line
#   name arch seed analogy_acc spearman wall_s
# to $OUT/sweep.tsv (runs already there with the same name and seed are skipped, so an
# interrupted sweep continues), and the script ends with a per-setting mean/min/max table.
# Windows that cross line boundaries are measured by training on a corpus whose lines are joined,
# e.g. every 40 lines: awk '{printf "%s%s", $0, (NR % 40 == 0 ? "\n" : " ")} END {print ""}'
# corpus.txt > corpus-joined40.txt; CORPUS=.../corpus-joined40.txt bench/word2vec_quality_sweep.sh
# "cbow-joined40:cbow:--alpha,0.05" (same tokens; sentences are cut at 1000 words as usual).
# Trains on $CORPUS (default bench/out/word2vec/corpus.txt from bench/word2vec_peers.sh, made
# here if missing). Each run is also scored on SimLex-999 (7th column; no bar of the issue uses it).
# The final-learning-rate study of bench/RESULTS.md ran, on the whole corpus and on single corpora
# tokenized by `embedlab-cli corpus tokenize --corpus ../shared/data/corpora/gcide.txt.gz --out gcide.txt`:
#   bench/word2vec_quality_sweep.sh --seeds "1 2 3" sg-r1e4:sg:--min-alpha-ratio,1e-4 \
#     sg-r01:sg:--min-alpha-ratio,0.1 cbow-r1e4:cbow:--min-alpha-ratio,1e-4 cbow-r01:cbow:--min-alpha-ratio,0.1
#   CORPUS=gcide.txt OUT=bench/out/w2v-sweep-gcide bench/word2vec_quality_sweep.sh --seeds "1 2 3" (same four)
#   EPOCHS=15 bench/word2vec_quality_sweep.sh --seeds "1 2" cbow-e15-r1e4:cbow:--min-alpha-ratio,1e-4 \
#     cbow-e15-r01:cbow:--min-alpha-ratio,0.1          (EPOCHS replaces the fixed 5 epochs)
# Not a test: nothing here asserts; it measures.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
bench_init word2vec_quality_sweep
BUILD=${BUILD:-$ROOT/build-w2vq}
OUT=${OUT:-$ROOT/bench/out/word2vec-sweep}
SEEDS="1 2 3"
SETTINGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) SEEDS=$2; shift 2 ;;
    --threads|--skip-build|--skip-install) bench_common_arg "$@"; shift "$BENCH_SHIFT" ;;
    *) SETTINGS+=("$1"); shift ;;
  esac
done
if [ ${#SETTINGS[@]} -eq 0 ]; then
  SETTINGS=(
    "sg-a025:sg:--alpha,0.025"                               # current default (word2vec.c's)
    "sg-a05:sg:--alpha,0.05"                                 # fastText's skip-gram default
    "cbow-a05:cbow:--alpha,0.05"                             # current default (word2vec.c's)
    "cbow-a075:cbow:--alpha,0.075"
    "cbow-a1:cbow:--alpha,0.1"
    "sg-chunk:sg:--alpha,0.025,--chunk-bytes,250000"         # each thread's part in shuffled chunks
    "cbow-chunk:cbow:--alpha,0.05,--chunk-bytes,250000"
  )
fi
mkdir -p "$OUT"
CLI=${CLI:-$BUILD/bin/embedlab-cli}
if [ "$SKIP_BUILD" = 0 ]; then
  log "building embedlab-cli in $BUILD"
  bench_build --quiet -DEMBEDLAB_BUILD_TESTS=OFF -DEMBEDLAB_ASSERTS=OFF embedlab-cli
fi
# A private copy, so that a rebuild in $BUILD during a long sweep cannot change the binary mid-way.
# Copied beside and renamed: the copy another invocation may be running stays valid ("text file busy").
cp "$CLI" "$OUT/embedlab-cli.$$" && mv -f "$OUT/embedlab-cli.$$" "$OUT/embedlab-cli"
CLI=$OUT/embedlab-cli

CORPUS=${CORPUS:-$ROOT/bench/out/word2vec/corpus.txt}
if [ ! -s "$CORPUS" ]; then
  mkdir -p "$(dirname "$CORPUS")"
  "$CLI" corpus tokenize --corpus "$DATA/corpora/kjv.txt.gz" --corpus "$DATA/corpora/wordnet-glosses.txt.gz" \
    --corpus "$DATA/corpora/gcide.txt.gz" --out "$CORPUS" >/dev/null
fi
QUESTIONS=$DATA/eval/questions-words.txt
WORDSIM=$DATA/eval/wordsim353.tsv
SIMLEX=$DATA/eval/simlex999.txt
TSV=$OUT/sweep.tsv
touch "$TSV"

for setting in "${SETTINGS[@]}"; do
  IFS=: read -r name arch extra <<<"$setting"
  IFS=, read -r -a args <<<"$extra"
  for seed in $SEEDS; do
    if awk -v n="$name" -v s="$seed" '$1 == n && $3 == s { f = 1 } END { exit !f }' "$TSV"; then continue; fi
    vec=$OUT/$name-$seed.vec
    log "$name seed $seed (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    start=$(date +%s.%N)
    "$CLI" train word2vec --corpus "$CORPUS" --pre-tokenized --arch "$arch" --loss ns --dim 100 --window 5 \
      --negative 5 --epochs "${EPOCHS:-5}" --min-count 5 --sample 1e-4 --threads "$THREADS" --seed "$seed" "${args[@]}" \
      --out "$vec" >"$OUT/$name-$seed.log" 2>&1 || { echo "failed: see $OUT/$name-$seed.log" >&2; exit 1; }
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    acc=$("$CLI" eval analogies --vectors "$vec" --questions "$QUESTIONS" --restrict-vocab 30000 2>/dev/null |
      $PY -c 'import json,sys; print("%.2f" % (100 * json.load(sys.stdin)["accuracy"]))')
    rho=$("$CLI" eval similarity --vectors "$vec" --pairs "$WORDSIM" 2>/dev/null |
      $PY -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["spearman"])')
    simlex=$("$CLI" eval similarity --vectors "$vec" --pairs "$SIMLEX" 2>/dev/null |
      $PY -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["spearman"])')
    printf '%s\t%s\t%s\t%s\t%s\t%.0f\t%s\n' "$name" "$arch" "$seed" "$acc" "$rho" "$wall" "$simlex" | tee -a "$TSV"
    rm -f "$vec"
  done
done

$PY - "$TSV" <<'EOF'
import collections, statistics, sys
runs = collections.OrderedDict()
for line in open(sys.argv[1]):
    f = line.split()  # name arch seed analogy wordsim wall [simlex: runs before it was measured have none]
    runs.setdefault((f[0], f[1]), []).append((int(f[2]), float(f[3]), float(f[4]), float(f[6]) if len(f) > 6 else None))
print("| setting | arch | seeds | analogy % per seed | mean | WordSim per seed | mean | SimLex mean |")
print("|---|---|---|---|---:|---|---:|---:|")
for (name, arch), rs in runs.items():
    rs.sort()
    accs = [r[1] for r in rs]
    rhos = [r[2] for r in rs]
    lex = [r[3] for r in rs if r[3] is not None]
    print("| %s | %s | %s | %s | %.2f | %s | %.3f | %s |" % (
        name, arch, " ".join(str(r[0]) for r in rs), " / ".join("%.2f" % a for a in accs),
        statistics.mean(accs), " / ".join("%.3f" % r for r in rhos), statistics.mean(rhos),
        "%.3f" % statistics.mean(lex) if lex else "-"))
EOF
