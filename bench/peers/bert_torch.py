#!/usr/bin/env python3
"""BERT-mini of bench/bert_peers.sh in PyTorch on the CPU: training and inference tokens per second.

The same model as `embedlab-cli train bert`: word + position + token-type embeddings and
LayerNorm (eps 1e-12), L post-LayerNorm encoder layers (torch.nn.TransformerEncoderLayer with exact
GELU, the padding mask, dropout 0.1), a tanh pooler, and the MLM head (dense + GELU + LayerNorm +
decoder tied to the word embeddings + bias); AdamW (weight decay 0.01, none on LayerNorm and
biases), global-norm clipping at 1.0. Token ids are random (throughput does not depend on them);
15% of the positions carry a label.

  --mlm all     logits at every position, loss with ignore_index (what BertForMaskedLM does)
  --mlm masked  logits only at the labelled positions (what EmbedLab does)

Training tokens/s: steps x batch x seq / seconds of the timed steps (after warm-up steps).
Inference tokens/s: encoder + pooler forward in eval mode under torch.inference_mode().
Prints one JSON line.
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class BertMini(nn.Module):
    def __init__(self, vocab, hidden, layers, heads, ff, max_len, dropout=0.1):
        super().__init__()
        self.word = nn.Embedding(vocab, hidden, padding_idx=0)
        self.pos = nn.Embedding(max_len, hidden)
        self.token_type = nn.Embedding(2, hidden)
        self.emb_ln = nn.LayerNorm(hidden, eps=1e-12)
        self.drop = nn.Dropout(dropout)
        self.layers = nn.ModuleList([
            nn.TransformerEncoderLayer(hidden, heads, ff, dropout=dropout, activation="gelu",
                                       layer_norm_eps=1e-12, batch_first=True, norm_first=False)
            for _ in range(layers)])
        self.pool = nn.Linear(hidden, hidden)
        self.transform = nn.Linear(hidden, hidden)
        self.transform_ln = nn.LayerNorm(hidden, eps=1e-12)
        self.decoder_bias = nn.Parameter(torch.zeros(vocab))
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, std=0.02)

    def encode(self, ids, types, mask):
        T = ids.shape[1]
        pos = torch.arange(T, device=ids.device).unsqueeze(0)
        x = self.drop(self.emb_ln(self.word(ids) + self.pos(pos) + self.token_type(types)))
        pad = mask == 0
        for layer in self.layers:
            x = layer(x, src_key_padding_mask=pad)
        return x

    def pooled(self, x):
        return torch.tanh(self.pool(x[:, 0]))

    def mlm_logits(self, h):
        h = self.transform_ln(F.gelu(self.transform(h)))
        return h @ self.word.weight.t() + self.decoder_bias


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vocab", type=int, default=8000)
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--intermediate", type=int, default=1024)
    ap.add_argument("--seq", type=int, default=128)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--inference-batches", type=int, default=20)
    ap.add_argument("--mlm", choices=["all", "masked"], default="all")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    B, T, V = a.batch, a.seq, a.vocab
    model = BertMini(V, a.hidden, a.layers, a.heads, a.intermediate, T)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01},
                             {"params": no_decay, "weight_decay": 0.0}], lr=1e-4, eps=1e-6)
    types = torch.zeros(B, T, dtype=torch.long)
    mask = torch.ones(B, T, dtype=torch.long)
    losses = []

    def step():
        ids = torch.randint(5, V, (B, T))
        labelled = torch.rand(B, T) < 0.15
        labels = torch.where(labelled, ids, torch.full_like(ids, -100))
        model.train()
        opt.zero_grad(set_to_none=True)
        h = model.encode(ids, types, mask)
        if a.mlm == "all":
            logits = model.mlm_logits(h)
            loss = F.cross_entropy(logits.view(-1, V), labels.view(-1), ignore_index=-100)
        else:
            rows = labelled.view(-1).nonzero().squeeze(1)
            logits = model.mlm_logits(h.reshape(B * T, -1).index_select(0, rows))
            loss = F.cross_entropy(logits, labels.view(-1).index_select(0, rows))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return float(loss)

    for _ in range(a.warmup):
        step()
    t0 = time.perf_counter()
    for _ in range(a.steps):
        losses.append(step())
    train_seconds = time.perf_counter() - t0

    model.eval()
    with torch.inference_mode():
        ids = torch.randint(5, V, (B, T))
        model.pooled(model.encode(ids, types, mask))  # warm-up
        t0 = time.perf_counter()
        for _ in range(a.inference_batches):
            ids = torch.randint(5, V, (B, T))
            model.pooled(model.encode(ids, types, mask))
        infer_seconds = time.perf_counter() - t0

    config = torch.__config__.show()
    print(json.dumps({
        "train_tokens_per_sec": a.steps * B * T / train_seconds,
        "inference_tokens_per_sec": a.inference_batches * B * T / infer_seconds,
        "train_seconds": train_seconds, "inference_seconds": infer_seconds, "steps": a.steps,
        "mlm": a.mlm, "final_loss": losses[-1], "threads": torch.get_num_threads(),
        "torch": torch.__version__, "parameters": sum(p.numel() for p in model.parameters()),
        "blas": config.split("BLAS_INFO=")[1].split(",")[0] if "BLAS_INFO=" in config else "?",
    }))


if __name__ == "__main__":
    main()
