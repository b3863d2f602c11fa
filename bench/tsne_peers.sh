#!/bin/bash
# t-SNE against scikit-learn (TSNE, Barnes-Hut) and Rtsne (bhtsne) on word vectors, in one run.
# Every tool gets the same data, the same initial map (our PCA initialisation, std 1e-4), perplexity
# 30, 1000 iterations, early exaggeration 12 for 250 iterations, momentum 0.5 -> 0.8 and the same
# learning rate (in each tool's own units). Each map is then scored the same way by
# bench_tsne_tool score: exact KL(P || Q) with our P (perplexity 30, 90 exact neighbours) and the
# exact Z, and trustworthiness with k = 10 (sklearn.manifold.trustworthiness's formula, in C++;
# bench/tsne_trust_check.py checks that it equals sklearn's own function).
#
# usage: bench/tsne_peers.sh [BUILD_DIR]     env: SIZES="2000 5000 10000 20000" THREADS=2
#        VEC=vectors.vec (default: trained here with embedlab-cli train word2vec) OUT=bench/out/tsne
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
THREADS=${THREADS:-2}
SIZES=${SIZES:-"2000 5000 10000 20000"}
OUT=${OUT:-bench/out/tsne}
TOOLS=${TOOLS:-"ours sklearn rtsne"}
mkdir -p "$OUT"
bench/tsne_peers_install.sh
TOOL="$BUILD/bin/bench_tsne_tool"
[ -x "$TOOL" ] || cmake --build "$BUILD" --target bench_tsne_tool -j"$THREADS" >/dev/null
VEC=${VEC:-$OUT/vectors.vec}
if [ ! -f "$VEC" ]; then
  [ -x "$BUILD/bin/embedlab-cli" ] || cmake --build "$BUILD" --target embedlab-cli -j"$THREADS" >/dev/null
  "$BUILD/bin/embedlab-cli" train word2vec --corpus ../shared/data/corpora/gcide.txt.gz \
    --corpus ../shared/data/corpora/wordnet-glosses.txt.gz --dim 100 --epochs 5 --min-count 5 \
    --threads "$THREADS" --seed 1 --out "$VEC" >"$OUT/word2vec.log" 2>&1
fi
RESULTS="$OUT/results.tsv"
[ -f "$RESULTS" ] || printf "n\ttool\twall_s\tuser_s\tkl_exact\ttrustworthiness\tkl_reported\n" >"$RESULTS"
for N in $SIZES; do
  D="$OUT/n$N"
  mkdir -p "$D"
  [ -f "$D/init.tsv" ] || "$TOOL" prepare "$VEC" "$N" "$D" >/dev/null
  for T in $TOOLS; do
    case $T in
      ours)    CMD=("$TOOL" run "$D" "$D/$T.tsv" "$THREADS") ;;
      sklearn) CMD=(/usr/bin/python3 bench/tsne_sklearn.py "$D" "$D/$T.tsv" "$THREADS") ;;
      rtsne)   CMD=(Rscript bench/tsne_rtsne.R "$D" "$D/$T.tsv" "$THREADS") ;;
    esac
    /usr/bin/time -f "%e %U" -o "$D/$T.time" "${CMD[@]}" >"$D/$T.json" 2>"$D/$T.log"
    "$TOOL" score "$D" "$D/$T.tsv" >"$D/$T.score"
    python3 - "$N" "$T" "$D" <<'PY' >>"$RESULTS"
import json, sys
n, t, d = sys.argv[1:4]
run = json.load(open(f"{d}/{t}.json"))
score = json.load(open(f"{d}/{t}.score"))
wall, user = open(f"{d}/{t}.time").read().split()[-2:]
print(f"{n}\t{t}\t{run['seconds']:.2f}\t{float(user):.2f}\t{score['kl']:.4f}\t{score['trustworthiness']:.4f}\t{run['kl_reported']:.4f}")
PY
    tail -1 "$RESULTS"
  done
done
