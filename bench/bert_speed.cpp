// BERT training and inference throughput of the engine alone (no corpus, no vocabulary):
// the pre-training step of BertPretrainer (forward, MLM cross-entropy on the masked rows, backward,
// clipping, AdamW) and the encoder + pooler forward, on random batches of BERT-mini by default.
//
//   bench_bert_speed [--threads 2] [--steps 20] [--batch 16] [--seq 128] [--vocab 8000]
//                    [--layers 4] [--hidden 256] [--heads 4] [--intermediate 1024]
//                    [--pass-sequences 0] [--mlm masked|all] [--inference-batches 20]
//
// --pass-sequences: sequences per forward/backward pass (0: one pass per batch); the trainer
// uses 1 for BERT-mini so that a stop request waits for one sequence's work only.
// Prints one JSON line: train_tokens_per_sec, inference_tokens_per_sec, ..., and the same per
// CPU-second of the process (user + sys of all threads: on a shared machine wall time also
// measures the neighbours; at 1 thread CPU time is the work itself).
#include <omp.h>
#include <time.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "core/models/bert/BertModel.h"
#include "core/nn/AdamW.h"
#include "core/nn/CrossEntropy.h"

using namespace embedlab;
using Clock = std::chrono::steady_clock;

namespace {
double cpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}
}  // namespace

int main(int argc, char** argv) {
  int threads = 2, steps = 20, B = 16, T = 128, V = 8000, L = 4, C = 256, NH = 4, FF = 1024, passSeq = 0,
      inferenceBatches = 20, warmup = 2;
  bool allPositions = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const char* v = argv[i + 1];
    if (k == "--threads") threads = std::atoi(v);
    else if (k == "--steps") steps = std::atoi(v);
    else if (k == "--batch") B = std::atoi(v);
    else if (k == "--seq") T = std::atoi(v);
    else if (k == "--vocab") V = std::atoi(v);
    else if (k == "--layers") L = std::atoi(v);
    else if (k == "--hidden") C = std::atoi(v);
    else if (k == "--heads") NH = std::atoi(v);
    else if (k == "--intermediate") FF = std::atoi(v);
    else if (k == "--pass-sequences") passSeq = std::atoi(v);
    else if (k == "--inference-batches") inferenceBatches = std::atoi(v);
    else if (k == "--mlm") allPositions = std::strcmp(v, "all") == 0;
    else {
      std::fprintf(stderr, "bench_bert_speed: unknown argument %s\n", k.c_str());
      return 2;
    }
  }
  omp_set_num_threads(threads);
  BertConfig cfg;
  cfg.vocabSize = V;
  cfg.hiddenSize = C;
  cfg.numHiddenLayers = L;
  cfg.numAttentionHeads = NH;
  cfg.intermediateSize = FF;
  cfg.maxPositionEmbeddings = T;
  BertModel::Options mo;
  mo.parts.nspHead = false;
  BertModel model(cfg, mo);
  model.initialize(1);
  nn::AdamWOptions ao;
  ao.eps = 1e-6f;
  nn::AdamW adam(model.params(), ao);
  const int P = passSeq > 0 ? std::min(passSeq, B) : B;

  std::mt19937 rng(1);
  std::vector<int32_t> ids(static_cast<size_t>(B) * T), types(ids.size(), 0), mask(ids.size(), 1), labels;
  std::vector<int64_t> positions;
  std::vector<float> probs, dLogits;
  double lastLoss = 0;
  auto step = [&](int s) {
    for (auto& id : ids) id = 5 + static_cast<int32_t>(rng() % (V - 5));
    model.params().zeroGrad();
    int64_t labelledTotal = 0;
    std::vector<uint8_t> labelled(ids.size());
    for (auto& l : labelled) labelledTotal += (l = (rng() % 100) < 15);
    double lossSum = 0;
    for (int r0 = 0; r0 < B; r0 += P) {
      const int Bp = std::min(P, B - r0);
      positions.clear();
      labels.clear();
      for (int64_t i = 0; i < int64_t(Bp) * T; ++i)
        if (allPositions || labelled[r0 * T + i]) {
          positions.push_back(i);
          labels.push_back(labelled[r0 * T + i] ? ids[r0 * T + i] : nn::kIgnoreIndex);
        }
      BertForwardOptions fo;
      fo.training = true;
      fo.seed = static_cast<uint64_t>(s) * 1000 + r0;
      fo.pooler = false;
      fo.nsp = false;
      fo.mlmPositions = positions;
      model.forward(BertBatch{Bp, T, ids.data() + r0 * T, types.data() + r0 * T, mask.data() + r0 * T}, fo);
      const int64_t M = static_cast<int64_t>(positions.size());
      probs.resize(static_cast<size_t>(M) * V);
      dLogits.assign(probs.size(), 0.0f);
      auto ce = nn::softmaxCrossEntropyForward(probs.data(), model.mlmLogits(), labels.data(), M, V);
      nn::softmaxCrossEntropyBackward(dLogits.data(), probs.data(), labels.data(), M, V, labelledTotal);
      lossSum += ce.loss * ce.labelled;
      BertOutputGrads g;
      g.dMlmLogits = dLogits.data();
      model.backward(g);
    }
    model.params().clipGradNorm(1.0);
    adam.step(1e-4f);
    lastLoss = lossSum / std::max<int64_t>(1, labelledTotal);
  };
  for (int s = 0; s < warmup; ++s) step(s);
  auto t0 = Clock::now();
  double c0 = cpuSeconds();
  for (int s = 0; s < steps; ++s) step(warmup + s);
  const double trainSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
  const double trainCpu = cpuSeconds() - c0;

  BertForwardOptions fo;
  fo.mlm = false;
  fo.nsp = false;
  model.forward(BertBatch{B, T, ids.data(), types.data(), mask.data()}, fo);  // warm-up
  t0 = Clock::now();
  c0 = cpuSeconds();
  for (int k = 0; k < inferenceBatches; ++k) {
    for (auto& id : ids) id = 5 + static_cast<int32_t>(rng() % (V - 5));
    model.forward(BertBatch{B, T, ids.data(), types.data(), mask.data()}, fo);
  }
  const double inferSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
  const double inferCpu = cpuSeconds() - c0;
  std::printf(
      "{\"train_tokens_per_sec\": %.1f, \"inference_tokens_per_sec\": %.1f, \"train_tokens_per_cpu_sec\": %.1f, "
      "\"inference_tokens_per_cpu_sec\": %.1f, \"train_seconds\": %.3f, "
      "\"inference_seconds\": %.3f, \"steps\": %d, \"pass_sequences\": %d, \"mlm\": \"%s\", "
      "\"final_loss\": %.4f, \"threads\": %d, \"parameters\": %lld}\n",
      double(steps) * B * T / trainSeconds, double(inferenceBatches) * B * T / inferSeconds,
      double(steps) * B * T / trainCpu, double(inferenceBatches) * B * T / inferCpu, trainSeconds,
      inferSeconds, steps, P, allPositions ? "all" : "masked", lastLoss, threads,
      static_cast<long long>(model.params().parameterCount()));
  return 0;
}
