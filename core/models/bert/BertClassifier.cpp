#include "core/models/bert/BertClassifier.h"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include <nlohmann/json.hpp>

#include "core/models/bert/BertCheckpoint.h"
#include "core/models/bert/LrSchedule.h"
#include "core/nn/CrossEntropy.h"
#include "core/nn/Dropout.h"
#include "core/nn/Linear.h"
#include "core/train/JobSupport.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {

using Clock = std::chrono::steady_clock;

uint64_t mix(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr double kPassFlops = 2e9;  // as BertPretrainer: ~50 ms of work between stop checks
constexpr const char* kWeight = "classifier.weight";
constexpr const char* kBias = "classifier.bias";

}  // namespace

// Activations of one pass from the pooled output on.
struct BertClassifier::Pass {
  int B = 0;
  std::vector<int32_t> ids, mask;     // (B,T)
  std::vector<float> dropped;         // (B,C) pooled after dropout
  std::vector<uint8_t> dropMask;      // (B,C)
  std::vector<float> logits, probs;   // (B,K)
};

void BertClassifierOptions::validate() const {
  if (modelDir.empty()) throw UsageError("bert classifier: a pre-trained model directory is required");
  if (epochs < 1 || batch < 1) throw UsageError("bert classifier: epochs and batch must be at least 1");
  if (!(lr >= 0 && std::isfinite(lr))) throw UsageError("bert classifier: learning rate must be a finite number >= 0");
  if (!(warmupRatio >= 0 && warmupRatio <= 1)) throw UsageError("bert classifier: warm-up ratio must be in [0, 1]");
  if (!(weightDecay >= 0)) throw UsageError("bert classifier: weight decay must be >= 0");
  if (!(dropout < 1)) throw UsageError("bert classifier: dropout must be below 1");
  if (maxLength < 3) throw UsageError("bert classifier: max length must be at least 3");
  if (passSequences < 0 || threads < 0) throw UsageError("bert classifier: pass sequences and threads must be >= 0");
}

BertClassifier::BertClassifier(BertClassifierOptions options) : opt_(std::move(options)) {}
BertClassifier::~BertClassifier() = default;

void BertClassifier::loadModel(const std::vector<std::string>& labels) {
  opt_.validate();
  if (labels.size() < 2) throw UsageError("bert classifier: at least two classes are needed");
  BertLoadOptions lo;
  lo.parts = BertParts{.pooler = true, .mlmHead = false, .nspHead = false, .tiedDecoder = true};
  lo.initSeed = opt_.seed;
  BertCheckpoint ck = BertCheckpoint::load(opt_.modelDir, lo);
  tokenizer_ = ck.tokenizer();
  classes_ = static_cast<int>(labels.size());
  BertConfig config = ck.config();
  // transformers' BertForSequenceClassification reads the classes from id2label.
  nlohmann::ordered_json id2label = nlohmann::ordered_json::object(), label2id = nlohmann::ordered_json::object();
  for (int k = 0; k < classes_; ++k) {
    id2label[std::to_string(k)] = labels[k];
    label2id[labels[k]] = k;
  }
  config.extra["id2label"] = id2label.dump();
  config.extra["label2id"] = label2id.dump();
  // Dropout before the classifier: the option, else config.classifier_dropout, else hidden_dropout_prob.
  dropout_ = static_cast<float>(config.hiddenDropoutProb);
  if (auto it = config.extra.find("classifier_dropout"); it != config.extra.end()) {
    const auto v = nlohmann::json::parse(it->second, nullptr, false);
    if (v.is_number()) dropout_ = v.get<float>();
  }
  if (opt_.dropout >= 0) dropout_ = static_cast<float>(opt_.dropout);

  BertModel::Options mo;
  mo.parts = *lo.parts;
  const int64_t C = config.hiddenSize;
  mo.extraTensors = {{kWeight, {classes_, C}, true}, {kBias, {classes_}, false}};
  model_ = std::make_unique<BertModel>(config, mo);
  model_->initialize(opt_.seed);
  const nn::ParameterStore& from = ck.model().params();
  nn::ParameterStore& to = model_->params();
  for (const auto& v : from.views())
    if (to.contains(v.name) && to.view(v.name).shape == v.shape)
      std::copy_n(from.params() + v.offset, v.size, to.data(v.name));
  // A classifier of the same classes (fine-tuning again) continues from its weights.
  const auto& extras = ck.extras();
  auto w = extras.find(kWeight);
  auto b = extras.find(kBias);
  if (w != extras.end() && b != extras.end() && w->second.shape == std::vector<int64_t>{classes_, C} &&
      b->second.shape == std::vector<int64_t>{classes_}) {
    std::copy(w->second.data.begin(), w->second.data.end(), to.data(kWeight));
    std::copy(b->second.data.begin(), b->second.data.end(), to.data(kBias));
  }
  adam_.reset();
}

BertClassifier::Encoded BertClassifier::encode(const std::vector<std::string>& texts) const {
  Encoded out(texts.size());
  WordPieceTokenizer::EncodeOptions eo;
  eo.maxLength = std::min<int64_t>(opt_.maxLength, model_->config().maxPositionEmbeddings);
  const int64_t n = static_cast<int64_t>(texts.size());
#pragma omp parallel for schedule(dynamic, 16)
  for (int64_t i = 0; i < n; ++i) out[i] = tokenizer_.encode(texts[i], eo).ids;
  return out;
}

int BertClassifier::passSequences() const {
  if (opt_.passSequences > 0) return opt_.passSequences;
  const BertConfig& c = model_->config();
  const double C = c.hiddenSize, FF = c.intermediateSize;
  const double T = std::min(opt_.maxLength, c.maxPositionEmbeddings);
  const double perToken = 6.0 * c.numHiddenLayers * (4 * C * C + 2 * C * FF + 2 * T * C);
  return static_cast<int>(std::clamp(std::floor(kPassFlops / (perToken * T)), 1.0, 1e6));
}

void BertClassifier::forwardPass(const Encoded& texts, const int64_t* rows, int n, bool training,
                                 uint64_t seed, Pass& p) {
  const int C = model_->hidden(), K = classes_;
  int T = 1;
  for (int r = 0; r < n; ++r) T = std::max(T, static_cast<int>(texts[rows[r]].size()));
  const int32_t pad = std::max<int32_t>(0, tokenizer_.vocab().padId());
  p.B = n;
  p.ids.assign(static_cast<size_t>(n) * T, pad);
  p.mask.assign(static_cast<size_t>(n) * T, 0);
  for (int r = 0; r < n; ++r) {
    const auto& ids = texts[rows[r]];
    std::copy(ids.begin(), ids.end(), p.ids.begin() + static_cast<int64_t>(r) * T);
    std::fill_n(p.mask.begin() + static_cast<int64_t>(r) * T, ids.size(), 1);
  }
  BertForwardOptions fo;
  fo.training = training;
  fo.seed = seed;
  fo.pooler = true;
  fo.mlm = false;
  fo.nsp = false;
  model_->forward(BertBatch{n, T, p.ids.data(), nullptr, p.mask.data()}, fo);
  // pooled: (B,C) -> dropped: (B,C) -> logits: (B,K)
  p.dropped.resize(static_cast<size_t>(n) * C);
  p.dropMask.resize(p.dropped.size());
  nn::dropoutForward(p.dropped.data(), p.dropMask.data(), model_->pooled(), static_cast<int64_t>(n) * C, dropout_,
                     mix(seed ^ 0xc1a55ULL), training);
  p.logits.resize(static_cast<size_t>(n) * K);
  nn::linearForward(p.logits.data(), p.dropped.data(), model_->params().data(kWeight), model_->params().data(kBias),
                    n, C, K);
}

JobResult BertClassifier::train(const std::vector<LabelledText>& examples, const ProgressSink& sink,
                                StopToken& token) {
  if (!model_) throw Error("bert classifier: no model loaded");
  if (examples.empty()) throw Error("bert classifier: no training examples");
  for (const auto& e : examples)
    if (e.label < 0 || e.label >= classes_)
      throw Error("bert classifier: label index " + std::to_string(e.label) + " outside the " +
                  std::to_string(classes_) + " classes");
  if (opt_.threads > 0) omp_set_num_threads(opt_.threads);
  const auto start = Clock::now();
  JobResult result;
  std::vector<std::string> texts;
  texts.reserve(examples.size());
  for (const auto& e : examples) texts.push_back(e.text);
  const Encoded encoded = encode(texts);

  const int64_t N = static_cast<int64_t>(examples.size());
  const int64_t perEpoch = (N + opt_.batch - 1) / opt_.batch;
  const int64_t total = perEpoch * opt_.epochs;
  const LrSchedule schedule(opt_.lr, static_cast<int64_t>(std::llround(opt_.warmupRatio * total)), total);
  nn::AdamWOptions ao;
  ao.weightDecay = static_cast<float>(opt_.weightDecay);
  adam_ = std::make_unique<nn::AdamW>(model_->params(), ao);
  const int C = model_->hidden(), K = classes_, P = passSequences();
  nn::ParameterStore& ps = model_->params();

  Pass pass;
  std::vector<int32_t> targets;
  std::vector<float> dLogits, dDropped, dPooled;
  std::vector<int64_t> order(static_cast<size_t>(N));
  Progress pr;
  pr.phase = "training";
  pr.total = total;
  double winLoss = 0, winSeconds = 0;
  int64_t winSteps = 0, winExamples = 0, winCorrect = 0;
  auto lastReport = Clock::now();
  int64_t step = 0;
  summary_.steps = 0;
  for (int epoch = 0; epoch < opt_.epochs; ++epoch) {
    std::iota(order.begin(), order.end(), 0);
    uint64_t state = mix(opt_.seed) ^ mix(0xe90c4ULL + static_cast<uint64_t>(epoch));
    for (int64_t i = N - 1; i > 0; --i) {  // Fisher-Yates with a SplitMix64 stream
      state += 0x9e3779b97f4a7c15ULL;
      std::swap(order[i], order[static_cast<int64_t>(((mix(state) >> 32) * static_cast<uint64_t>(i + 1)) >> 32)]);
    }
    for (int64_t b0 = 0; b0 < N; b0 += opt_.batch, ++step) {
      const auto stepStart = Clock::now();
      Clock::duration stepPaused{};
      const int B = static_cast<int>(std::min<int64_t>(opt_.batch, N - b0));
      ps.zeroGrad();
      double lossSum = 0;
      for (int r0 = 0, k = 0; r0 < B; r0 += P, ++k) {
        stepPaused += token.waitIfPaused();
        if (token.stopRequested()) {
          result.status = JobStatus::Stopped;
          result.message = "stopped at step " + std::to_string(step) + " of " + std::to_string(total);
          summary_.seconds = secondsOf(Clock::now() - start);
          return result;
        }
        const int Bp = std::min(P, B - r0);
        const int64_t* rows = order.data() + b0 + r0;
        forwardPass(encoded, rows, Bp, true, mix(mix(opt_.seed) + static_cast<uint64_t>(step)) ^ static_cast<uint64_t>(k),
                    pass);
        targets.resize(Bp);
        for (int r = 0; r < Bp; ++r) targets[r] = examples[rows[r]].label;
        pass.probs.resize(pass.logits.size());
        const nn::CrossEntropyResult ce =
            nn::softmaxCrossEntropyForward(pass.probs.data(), pass.logits.data(), targets.data(), Bp, K);
        if (!std::isfinite(ce.loss)) {
          result.status = JobStatus::Failed;
          result.message = "bert classifier: non-finite loss at step " + std::to_string(step + 1);
          return result;
        }
        lossSum += ce.loss * Bp;
        winCorrect += ce.correct;
        // d(mean over the whole batch): each pass's rows count 1/B
        dLogits.assign(pass.logits.size(), 0.0f);
        nn::softmaxCrossEntropyBackward(dLogits.data(), pass.probs.data(), targets.data(), Bp, K, B);
        dDropped.assign(static_cast<size_t>(Bp) * C, 0.0f);
        nn::linearBackward(dDropped.data(), ps.grad(kWeight), ps.grad(kBias), dLogits.data(), pass.dropped.data(),
                           ps.data(kWeight), Bp, C, K);
        dPooled.assign(dDropped.size(), 0.0f);
        nn::dropoutBackward(dPooled.data(), dDropped.data(), pass.dropMask.data(), static_cast<int64_t>(Bp) * C,
                            dropout_, true);
        BertOutputGrads g;
        g.dPooled = dPooled.data();
        model_->backward(g);
      }
      const double norm = opt_.clipNorm > 0 ? ps.clipGradNorm(opt_.clipNorm) : ps.gradNorm();
      if (!std::isfinite(norm)) {
        result.status = JobStatus::Failed;
        result.message = "bert classifier: non-finite gradient at step " + std::to_string(step + 1);
        return result;
      }
      pr.lr = schedule.at(step);
      adam_->step(static_cast<float>(pr.lr));
      summary_.steps = step + 1;
      const auto now = Clock::now();
      const double stepSeconds = secondsOf(now - stepStart - stepPaused);
      summary_.trainSeconds += stepSeconds;
      winLoss += lossSum / B;
      winSeconds += stepSeconds;
      winExamples += B;
      ++winSteps;
      if (secondsOf(now - lastReport) >= opt_.reportIntervalSeconds || step + 1 == total || step == 0) {
        summary_.finalLoss = winLoss / winSteps;
        summary_.trainAccuracy = static_cast<double>(winCorrect) / winExamples;
        pr.step = step + 1;
        pr.loss = summary_.finalLoss;
        const Pace pace{static_cast<double>(winExamples), static_cast<double>(winSteps), winSeconds};
        pr.itemsPerSec = pace.itemsPerSec();
        pr.elapsedSeconds = secondsOf(now - start);
        pr.etaSeconds = pace.etaSeconds(static_cast<double>(total - step - 1));
        pr.extras = {{"accuracy", summary_.trainAccuracy}, {"epoch", epoch + 1}};
        if (sink) sink(pr);
        winLoss = winSeconds = 0;
        winSteps = winExamples = winCorrect = 0;
        lastReport = now;
      }
    }
  }
  summary_.seconds = secondsOf(Clock::now() - start);
  return result;
}

std::vector<float> BertClassifier::probabilities(const std::vector<std::string>& texts) {
  if (!model_) throw Error("bert classifier: no model loaded");
  const Encoded encoded = encode(texts);
  const int K = classes_;
  const int64_t N = static_cast<int64_t>(texts.size());
  // Evaluation passes: sorted by length so that little of a pass is padding.
  std::vector<int64_t> order(static_cast<size_t>(N));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int64_t a, int64_t b) { return encoded[a].size() < encoded[b].size(); });
  std::vector<float> out(static_cast<size_t>(N) * K);
  const int P = std::max(passSequences(), opt_.batch);
  Pass pass;
  for (int64_t r0 = 0; r0 < N; r0 += P) {
    const int Bp = static_cast<int>(std::min<int64_t>(P, N - r0));
    forwardPass(encoded, order.data() + r0, Bp, false, 0, pass);
    pass.probs.resize(pass.logits.size());
    nn::softmaxForward(pass.probs.data(), pass.logits.data(), Bp, K);
    for (int r = 0; r < Bp; ++r)
      std::copy_n(pass.probs.begin() + static_cast<int64_t>(r) * K, K, out.begin() + order[r0 + r] * K);
  }
  return out;
}

std::vector<int> BertClassifier::predict(const std::vector<std::string>& texts) {
  const std::vector<float> probs = probabilities(texts);
  std::vector<int> out(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    const float* p = probs.data() + i * classes_;
    out[i] = static_cast<int>(std::max_element(p, p + classes_) - p);
  }
  return out;
}

ClassificationMetrics BertClassifier::evaluate(const std::vector<LabelledText>& examples, int classes) {
  std::vector<std::string> texts;
  std::vector<int> truth;
  for (const auto& e : examples) {
    texts.push_back(e.text);
    truth.push_back(e.label);
  }
  return computeMetrics(truth, predict(texts), std::max(classes, classes_));
}

void BertClassifier::save(const std::string& dir) const {
  if (!model_) throw Error("bert classifier: no model to save");
  BertSaveOptions so;
  so.architecture = "BertForSequenceClassification";
  BertCheckpoint::save(dir, *model_, tokenizer_, so);
}

JobResult BertClassifier::run(const ProgressSink& sink, StopToken& token) {
  return runGuarded([&](JobResult& result) {
    opt_.validate();
    if (opt_.taskDir.empty()) throw UsageError("bert classifier: a task directory is required");
    const auto start = Clock::now();
    Progress pr;
    pr.phase = "loading";
    if (sink) sink(pr);
    const TaskData task = TaskData::load(opt_.taskDir);
    const std::vector<std::string> labels(task.labels.begin(), task.labels.begin() + task.trainClasses);
    loadModel(labels);
    summary_ = {};
    summary_.labels = task.labels;
    result = train(task.train, sink, token);
    if (result.status != JobStatus::Finished) return;
    pr.phase = "evaluating";
    if (sink) sink(pr);
    summary_.test = evaluate(task.test, static_cast<int>(task.labels.size()));
    if (!opt_.outDir.empty()) {
      pr.phase = "saving";
      if (sink) sink(pr);
      save(opt_.outDir);
      for (const char* f : {"config.json", "model.safetensors", "vocab.txt", "tokenizer_config.json"})
        result.outputFiles.push_back(opt_.outDir + "/" + f);
    }
    summary_.seconds = secondsOf(Clock::now() - start);
    pr.phase = "finished";
    pr.extras = {{"test_accuracy", summary_.test.accuracy}, {"test_macro_f1", summary_.test.macroF1}};
    if (sink) sink(pr);
  });
}

}  // namespace embedlab
