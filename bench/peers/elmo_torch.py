#!/usr/bin/env python3
"""The ELMo-style biLM of bench/elmo_peers.sh in PyTorch on the CPU: training tokens per second.

Same architecture and sizes as `embedlab-cli train elmo`: characters (B,T,L) -> embedding (16) ->
Conv1d per width, max over positions, ReLU -> highway -> linear projection P -> forward and
backward stacks of 2 LSTMs with projection (torch.nn.LSTM proj_size, hidden H) and a residual
connection between the layers -> one shared Linear softmax over V words; loss = mean of the two
directions' cross-entropies; Adam; truncated BPTT (states carried and detached between steps).
PyTorch's LSTM has no cell/projection clipping: the peer leaves it out (it costs ours two
comparisons per element). Token ids and characters are random: throughput does not depend on
them. Prints one JSON line.
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class BiLM(nn.Module):
    def __init__(self, filters, highway, proj, hidden, vocab, char_embed=16, chars=262):
        super().__init__()
        self.emb = nn.Embedding(chars, char_embed)
        self.convs = nn.ModuleList([nn.Conv1d(char_embed, n, w) for w, n in filters])
        nf = sum(n for _, n in filters)
        self.highway = nn.ModuleList([nn.Linear(nf, 2 * nf) for _ in range(highway)])
        self.proj = nn.Linear(nf, proj)
        self.lstms = nn.ModuleList(
            [nn.ModuleList([nn.LSTM(proj, hidden, proj_size=proj, batch_first=True) for _ in range(2)])
             for _ in range(2)])
        self.softmax = nn.Linear(proj, vocab)

    def encode(self, chars):  # (B,T,L) -> (B,T,P)
        B, T, L = chars.shape
        x = self.emb(chars.view(B * T, L)).transpose(1, 2)  # (N,E,L)
        x = torch.cat([torch.relu(torch.max(c(x), dim=2).values) for c in self.convs], dim=1)
        for h in self.highway:
            a, g = h(x).chunk(2, dim=1)
            g = torch.sigmoid(g)
            x = g * x + (1 - g) * torch.relu(a)
        return self.proj(x).view(B, T, -1)

    def direction(self, d, tok, targets, state):
        x, new_state = tok, []
        for layer, lstm in enumerate(self.lstms[d]):
            out, st = lstm(x, state[layer] if state else None)
            new_state.append(tuple(s.detach() for s in st))
            x = out + x if layer > 0 else out
        logits = self.softmax(x)
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1)), new_state


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--filters", default="1:32,2:32,3:64,4:128,5:256")
    ap.add_argument("--highway", type=int, default=1)
    ap.add_argument("--projection", type=int, default=256)
    ap.add_argument("--hidden", type=int, default=512)
    ap.add_argument("--vocab", type=int, default=8000)
    ap.add_argument("--seq-len", type=int, default=20)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--chars", type=int, default=50)
    ap.add_argument("--steps", type=int, default=60)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    filters = [tuple(int(v) for v in p.split(":")) for p in a.filters.split(",")]
    model = BiLM(filters, a.highway, a.projection, a.hidden, a.vocab)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    B, T, L = a.batch, a.seq_len, a.chars
    states = [None, None]
    losses = []

    def step():
        chars = torch.randint(1, 262, (2, B, T, L))
        targets = torch.randint(0, a.vocab, (2, B, T))
        opt.zero_grad(set_to_none=True)
        loss = 0.0
        for d in range(2):
            l, states[d] = model.direction(d, model.encode(chars[d]), targets[d], states[d])
            loss = loss + 0.5 * l
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 10.0)
        opt.step()
        return float(loss)

    for _ in range(a.warmup):
        step()
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(a.steps):
        losses.append(step())
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({
        "tokens_per_sec": a.steps * B * T / seconds, "seconds": seconds, "steps": a.steps,
        # CPU seconds of the process over the timed steps: on a shared, overloaded machine the
        # wall clock measures the neighbours as much as the program.
        "tokens_per_cpu_sec": a.steps * B * T / cpu if cpu > 0 else None, "cpu_seconds": cpu,
        "final_loss": losses[-1], "threads": torch.get_num_threads(), "torch": torch.__version__,
        "parameters": sum(p.numel() for p in model.parameters()),
        "blas": torch.__config__.show().split("BLAS_INFO=")[1].split(",")[0] if "BLAS_INFO=" in torch.__config__.show() else "?",
    }))


if __name__ == "__main__":
    main()
