#!/usr/bin/env bash
# The full Google analogy benchmark (questions-words.txt, restrict 30000, 3CosAdd) with ours
# (`embedlab-cli eval analogies`) and with gensim's KeyedVectors.evaluate_word_analogies, on the
# same vectors, in the same run. Issue 4's target: ours >= 5x faster, with the same accuracy.
#
#   bench/analogy_peers.sh [--dim 300] [--epochs 3] [--threads 2] [--repeats 1] [--vectors FILE]
#                          [--skip-install] [--skip-build]
#
# 1. installs gensim if missing (Debian `python3-gensim`, run by /usr/bin/python3);
# 2. builds embedlab-cli (Release, -DEMBEDLAB_ASSERTS=OFF) in $BUILD (default build-explorecli);
# 3. trains word vectors once on the three English corpora of ../shared/data/corpora with
#    `embedlab-cli train word2vec` (skip-gram, --dim, --epochs, min-count 5, frequency-sorted
#    word2vec binary) into $OUT, or reuses them (or the file given with --vectors);
# 4. per repetition, back to back so that both see the same machine load: ours, then gensim;
#    each reports the evaluation time alone (vectors already loaded) and we also take the
#    whole-process wall time (loading included);
# 5. checks that both count the same correct / evaluated questions, overall and per section, and
#    prints a Markdown table with the times, the ratios and the load average around each pair.
# gensim runs with the BLAS Debian's numpy is linked to (printed); ours with --threads N.
# Not a test: nothing here asserts; it measures (the exit status is 1 only if the accuracies differ).
set -euo pipefail

. "$(dirname "$0")/lib.sh"
bench_init analogy_peers
BUILD=${BUILD:-$ROOT/build-explorecli}
OUT=${OUT:-$ROOT/bench/out/analogy}
DIM=300
EPOCHS=3
REPEATS=1
RESTRICT=30000
VECTORS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dim) DIM=$2; shift 2 ;;
    --epochs) EPOCHS=$2; shift 2 ;;
    --repeats) REPEATS=$2; shift 2 ;;
    --vectors) VECTORS=$2; shift 2 ;;
    *) bench_common_arg "$@"; shift "$BENCH_SHIFT" ;;
  esac
done
QUESTIONS=$DATA/eval/questions-words.txt
CLI=${CLI:-$BUILD/bin/embedlab-cli}
mkdir -p "$OUT"
now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
[ -f "$QUESTIONS" ] || { echo "analogy_peers.sh: $QUESTIONS not found" >&2; exit 1; }

# ---- 1. the peer -------------------------------------------------------------------------------
if [ "$SKIP_INSTALL" = 0 ] && ! $PY -c "import gensim" 2>/dev/null; then
  bench_apt_install python3-gensim
fi

# ---- 2. ours -----------------------------------------------------------------------------------
if [ "$SKIP_BUILD" = 0 ]; then
  log "building embedlab-cli in $BUILD"
  bench_build --quiet -DEMBEDLAB_ASSERTS=OFF embedlab-cli
fi

# ---- 3. vectors --------------------------------------------------------------------------------
if [ -z "$VECTORS" ]; then
  VECTORS=$OUT/sg-d$DIM-e$EPOCHS.bin
  if [ ! -s "$VECTORS" ]; then
    log "training $VECTORS (skip-gram, dim $DIM, $EPOCHS epochs, $THREADS threads)"
    "$CLI" train word2vec --corpus "$DATA/corpora/kjv.txt.gz" --corpus "$DATA/corpora/wordnet-glosses.txt.gz" \
      --corpus "$DATA/corpora/gcide.txt.gz" --arch sg --dim "$DIM" --epochs "$EPOCHS" --min-count 5 \
      --threads "$THREADS" --seed 1 --out "$VECTORS" > "$OUT/train-d$DIM.json" 2> "$OUT/train-d$DIM.log"
    cat "$OUT/train-d$DIM.json" >&2
  else
    log "reusing $VECTORS"
  fi
fi

# gensim's side: load, evaluate, print one JSON line (per-section counts for the comparison).
cat > "$OUT/gensim_analogies.py" <<'PYEOF'
import json, sys, time
import numpy
from gensim.models import KeyedVectors
vectors, questions, restrict = sys.argv[1], sys.argv[2], int(sys.argv[3])
t0 = time.perf_counter()
kv = KeyedVectors.load_word2vec_format(vectors, binary=vectors.endswith(".bin"))
t1 = time.perf_counter()
score, sections = kv.evaluate_word_analogies(questions, restrict_vocab=restrict)
t2 = time.perf_counter()
total = sections[-1]  # gensim appends "Total accuracy"
correct, incorrect = len(total["correct"]), len(total["incorrect"])
blas = "?"
try:
    cfg = numpy.__config__.get_info("blas_opt_info")
    blas = ",".join(cfg.get("libraries", [])) or "?"
except Exception:
    pass
print(json.dumps({
    "seconds": t2 - t1, "load_seconds": t1 - t0, "accuracy": score,
    "correct": correct, "total": correct + incorrect,
    "sections": [{"name": s["section"], "correct": len(s["correct"]), "total": len(s["correct"]) + len(s["incorrect"])}
                 for s in sections[:-1]],
    "gensim": __import__("gensim").__version__, "numpy": numpy.__version__, "blas": blas}))
PYEOF

# ---- 4. the runs -------------------------------------------------------------------------------
log "vectors $VECTORS; questions $QUESTIONS; restrict $RESTRICT; $REPEATS repetition(s)"
rows=""
status=0
for rep in $(seq 1 "$REPEATS"); do
  load_before=$(load)
  t0=$(now)
  "$CLI" eval analogies --vectors "$VECTORS" --questions "$QUESTIONS" --restrict-vocab "$RESTRICT" \
    --threads "$THREADS" --quiet > "$OUT/ours-$rep.json"
  t1=$(now)
  $PY "$OUT/gensim_analogies.py" "$VECTORS" "$QUESTIONS" "$RESTRICT" > "$OUT/gensim-$rep.json" 2> "$OUT/gensim-$rep.log"
  t2=$(now)
  load_after=$(load)
  row=$($PY - "$OUT/ours-$rep.json" "$OUT/gensim-$rep.json" "$t0" "$t1" "$t2" "$load_before" "$load_after" <<'PYEOF'
import json, sys
ours, peer = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
t0, t1, t2 = map(float, sys.argv[3:6])
same = ours["correct"] == peer["correct"] and ours["total"] == peer["total"]
diff = []
for a, b in zip(ours["sections"], peer["sections"]):
    if a["name"] != b["name"] or a["correct"] != b["correct"] or a["total"] != b["total"]:
        diff.append("%s: ours %d/%d, gensim %d/%d" % (a["name"], a["correct"], a["total"], b["correct"], b["total"]))
        same = False
for d in diff:
    print("  section differs: " + d, file=sys.stderr)
print("| %.3f | %.2f | %.2f | %.1fx | %.2f | %.2f | %.1fx | %d/%d = %.4f | %d/%d = %.4f | %s | %s -> %s | %s |" % (
    ours["seconds"], peer["seconds"], peer["load_seconds"], peer["seconds"] / ours["seconds"],
    t1 - t0, t2 - t1, (t2 - t1) / (t1 - t0),
    ours["correct"], ours["total"], ours["accuracy"], peer["correct"], peer["total"], peer["accuracy"],
    "yes" if same else "NO", sys.argv[6], sys.argv[7],
    "gensim %s, numpy %s, BLAS %s" % (peer["gensim"], peer["numpy"], peer["blas"])))
sys.exit(0 if same else 1)
PYEOF
) || status=1
  rows="$rows$row"$'\n'
done

# ---- 5. report ---------------------------------------------------------------------------------
{
  echo "Google analogies (restrict $RESTRICT, 3CosAdd), vectors $(basename "$VECTORS"), ours --threads $THREADS, $(nproc) CPUs"
  echo
  echo "| ours eval s | gensim eval s | gensim load s | eval ratio | ours process s | gensim process s | process ratio | ours correct/total | gensim correct/total | same | load avg before -> after | peer |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|:-:|---|---|"
  printf "%s" "$rows"
} | tee "$OUT/results.md"
exit $status
