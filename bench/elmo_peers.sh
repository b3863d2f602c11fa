#!/usr/bin/env bash
# ELMo biLM training throughput: embedlab-cli train elmo against the same model in PyTorch (CPU),
# in the same run, with the same thread count.
#
#   bench/elmo_peers.sh [--threads N] [--tokens N] [--peer-steps N] [--skip-install] [--skip-build]
#
# Model (issue 6): char-CNN filters 1:32,2:32,3:64,4:128,5:256 over 50 characters (embedding 16),
# 1 highway layer, projection 256, forward and backward 2-layer LSTMs of 512 with projection 256,
# full softmax over 8000 words, sequence 20, batch 32, Adam.
# 1. installs python3-torch and libopenblas0-openmp if missing (PyTorch at its best here: Debian's
#    torch falls back to the reference BLAS without OpenBLAS, and OpenBLAS 0.3.21 needs
#    OPENBLAS_CORETYPE=SkylakeX on this CPU); the peer runs with
#    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp OPENBLAS_CORETYPE=SkylakeX;
# 2. builds embedlab-cli in $BUILD (default build-elmo);
# 3. takes the first lines of the WordNet glosses (../shared/data) until the corpus holds about
#    --tokens tokens (default 40000) and at least 8000 word types, and trains ours one epoch on it
#    (tokens_per_sec from its JSON: steps x batch x seq-len / wall seconds of the training);
# 4. runs bench/peers/elmo_torch.py with the same sizes and vocabulary (random ids; throughput does
#    not depend on them) for --peer-steps timed steps after 5 warm-up steps;
# 5. prints both JSON lines and the ratio ours / PyTorch.
# Not a test: nothing here asserts; it measures.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
bench_init elmo_peers
BUILD=${BUILD:-$ROOT/build-elmo}
OUT=${OUT:-$ROOT/bench/out/elmo}
TOKENS=40000
PEER_STEPS=40
while [ $# -gt 0 ]; do
  case "$1" in
    --tokens) TOKENS=$2; shift 2 ;;
    --peer-steps) PEER_STEPS=$2; shift 2 ;;
    *) bench_common_arg "$@"; shift "$BENCH_SHIFT" ;;
  esac
done
mkdir -p "$OUT"
CLI=${CLI:-$BUILD/bin/embedlab-cli}

[ "$SKIP_INSTALL" = 1 ] || bench_install_torch
[ "$SKIP_BUILD" = 1 ] || bench_build embedlab-cli

CORPUS=$OUT/corpus.txt
zcat "$DATA/corpora/wordnet-glosses.txt.gz" | awk -v want="$TOKENS" '
  { print; n += NF; for (i = 1; i <= NF; i++) seen[tolower($i)] = 1 }
  n >= want && length(seen) >= 9000 { exit }' > "$CORPUS" || true
log "corpus: $(wc -l < "$CORPUS") lines, $(wc -w < "$CORPUS") whitespace tokens"

FILTERS=1:32,2:32,3:64,4:128,5:256
rm -rf "$OUT/model"
log "ours: embedlab-cli train elmo ($THREADS threads)"
OURS=$("$CLI" train elmo --corpus "$CORPUS" --char-filters $FILTERS --highway 1 --lstm-hidden 512 \
  --projection 256 --max-vocab 8000 --seq-len 20 --batch 32 --epochs 1 --threads "$THREADS" \
  --heldout-every 0 --checkpoint-every 0 --seed 1 --fresh --quiet --out "$OUT/model")
echo "ours:    $OURS"
VOCAB=$(echo "$OURS" | $PY -c 'import json,sys; print(json.load(sys.stdin)["vocab_size"])')

log "PyTorch: same model, vocabulary $VOCAB, $THREADS threads, OpenBLAS (openmp, SkylakeX)"
PEER=$("${TORCH_ENV[@]}" OMP_NUM_THREADS="$THREADS" $PY "$ROOT/bench/peers/elmo_torch.py" --filters $FILTERS \
  --highway 1 --projection 256 --hidden 512 --vocab "$VOCAB" --seq-len 20 --batch 32 \
  --steps "$PEER_STEPS" --threads "$THREADS")
echo "pytorch: $PEER"
$PY - "$OURS" "$PEER" <<'EOF'
import json, sys
ours, peer = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print("ours / PyTorch training tokens/s: %.0f / %.0f = %.2fx" % (
    ours["tokens_per_sec"], peer["tokens_per_sec"], ours["tokens_per_sec"] / peer["tokens_per_sec"]))
EOF
