#!/usr/bin/env bash
# BERT-mini training and inference throughput: EmbedLab against the same model in PyTorch (CPU),
# in the same run, with the same thread count.
#
#   bench/bert_peers.sh [--threads N] [--steps N] [--cli-steps N] [--skip-install] [--skip-build]
#
# Model (issue 5): 4 layers, hidden 256, 4 heads, FFN 1024, sequence 128, batch 16, vocabulary 8000,
# MLM on 15% of the positions, AdamW, clipping at 1.0.
# 1. installs python3-torch and libopenblas0-openmp if missing (PyTorch at its best here: Debian's
#    torch falls back to the reference BLAS without OpenBLAS, and OpenBLAS 0.3.21 needs
#    OPENBLAS_CORETYPE=SkylakeX on this CPU); the peer runs with
#    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp OPENBLAS_CORETYPE=SkylakeX;
# 2. builds embedlab-cli and bench_bert_speed in $BUILD (default build-berttrain);
# 3. ours, engine only: bench_bert_speed (random batches) with one pass per batch and with the
#    trainer's passes of one sequence (its stop granularity), training and inference tokens/s;
# 4. ours, end to end: embedlab-cli train bert on the WordNet glosses (../shared/data) for
#    --cli-steps steps (tokens_per_sec of its JSON: real tokens of the training steps / their time);
# 5. PyTorch: bench/peers/bert_torch.py with MLM logits at every position (BertForMaskedLM's way)
#    and at the masked positions only (ours), training and inference tokens/s;
# 6. prints every JSON line and the ratios ours / PyTorch.
# Not a test: nothing here asserts; it measures.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
bench_init bert_peers
BUILD=${BUILD:-$ROOT/build-berttrain}
OUT=${OUT:-$ROOT/bench/out/bert}
STEPS=20
CLI_STEPS=30
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) STEPS=$2; shift 2 ;;
    --cli-steps) CLI_STEPS=$2; shift 2 ;;
    *) bench_common_arg "$@"; shift "$BENCH_SHIFT" ;;
  esac
done
mkdir -p "$OUT"

[ "$SKIP_INSTALL" = 1 ] || bench_install_torch
[ "$SKIP_BUILD" = 1 ] || bench_build embedlab-cli bench_bert_speed
CLI=${CLI:-$BUILD/bin/embedlab-cli}
SPEED=$BUILD/bin/bench_bert_speed
SIZES=(--layers 4 --hidden 256 --heads 4 --intermediate 1024)

log "ours (engine): one pass per batch, $THREADS threads"
OURS_BATCH=$("$SPEED" "${SIZES[@]}" --seq 128 --batch 16 --vocab 8000 --steps "$STEPS" --threads "$THREADS" --pass-sequences 0)
echo "ours (one pass per batch):      $OURS_BATCH"
log "ours (engine): passes of one sequence (the trainer's default for BERT-mini)"
OURS_PASS=$("$SPEED" "${SIZES[@]}" --seq 128 --batch 16 --vocab 8000 --steps "$STEPS" --threads "$THREADS" --pass-sequences 1)
echo "ours (passes of one sequence):  $OURS_PASS"

OURS_CLI='{}'
if [ -f "$DATA/corpora/wordnet-glosses.txt.gz" ]; then
  CORPUS=$OUT/corpus.txt
  zcat "$DATA/corpora/wordnet-glosses.txt.gz" | head -n 60000 > "$CORPUS" || true
  rm -rf "$OUT/model"
  log "ours (end to end): embedlab-cli train bert, $CLI_STEPS steps on $(wc -l < "$CORPUS") gloss lines"
  OURS_CLI=$("$CLI" train bert --corpus "$CORPUS" "${SIZES[@]}" --max-len 128 --vocab-size 8000 \
    --batch 16 --steps "$CLI_STEPS" --lr 1e-4 --threads "$THREADS" --seed 1 --checkpoint-every 0 \
    --fresh --quiet --out "$OUT/model")
  echo "ours (embedlab-cli train bert): $OURS_CLI"
else
  log "no $DATA/corpora/wordnet-glosses.txt.gz: end-to-end run skipped"
fi

PEER_ENV=("${TORCH_ENV[@]}" OMP_NUM_THREADS="$THREADS")
log "PyTorch: logits at every position, $THREADS threads, OpenBLAS (openmp, SkylakeX)"
PEER_ALL=$("${PEER_ENV[@]}" $PY "$ROOT/bench/peers/bert_torch.py" --mlm all --steps "$STEPS" --threads "$THREADS")
echo "pytorch (logits at all positions): $PEER_ALL"
log "PyTorch: logits at the masked positions only"
PEER_MASKED=$("${PEER_ENV[@]}" $PY "$ROOT/bench/peers/bert_torch.py" --mlm masked --steps "$STEPS" --threads "$THREADS")
echo "pytorch (logits at masked positions): $PEER_MASKED"

$PY - "$OURS_BATCH" "$OURS_PASS" "$OURS_CLI" "$PEER_ALL" "$PEER_MASKED" <<'EOF'
import json, sys
batch, passes, cli, peer_all, peer_masked = (json.loads(s) for s in sys.argv[1:])
def ratio(name, ours, peer):
    print("%-52s %8.0f / %8.0f = %.2fx" % (name, ours, peer, ours / peer))
ratio("training, one pass per batch / PyTorch (all logits)", batch["train_tokens_per_sec"], peer_all["train_tokens_per_sec"])
ratio("training, one pass per batch / PyTorch (masked)", batch["train_tokens_per_sec"], peer_masked["train_tokens_per_sec"])
ratio("training, passes of 1 sequence / PyTorch (all logits)", passes["train_tokens_per_sec"], peer_all["train_tokens_per_sec"])
ratio("training, passes of 1 sequence / PyTorch (masked)", passes["train_tokens_per_sec"], peer_masked["train_tokens_per_sec"])
if cli:
    ratio("embedlab-cli train bert / PyTorch (all logits)", cli["tokens_per_sec"], peer_all["train_tokens_per_sec"])
ratio("inference (encoder + pooler) / PyTorch", batch["inference_tokens_per_sec"], peer_all["inference_tokens_per_sec"])
EOF
