#include "core/models/elmo/ElmoTrainer.h"

#include <omp.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <unordered_map>

#include "core/io/Safetensors.h"
#include "core/models/elmo/ElmoCharacters.h"
#include "core/models/elmo/ElmoCheckpoint.h"
#include "core/text/CorpusReader.h"
#include "core/text/Vocabulary.h"
#include "core/train/JobSupport.h"
#include "core/util/Error.h"

namespace embedlab::elmo {

namespace fs = std::filesystem;

// The token streams: each position has a surface form (for its characters) and a softmax id.
struct ElmoTrainer::Data {
  std::vector<int32_t> charTable;  // (surfaces, L)
  std::vector<int32_t> trainSurface, trainIds, heldSurface, heldIds;
};

namespace {

using Clock = std::chrono::steady_clock;

// Fills one (B,T) batch of a direction from a stream split into B rows of `len`: step k reads
// positions k*T .. k*T+T-1 of every row (the row reversed for the backward LM) and predicts the
// position after each.
void fillBatch(std::vector<int32_t>& chars, std::vector<int32_t>& targets,
               const std::vector<int32_t>& surface, const std::vector<int32_t>& ids,
               const std::vector<int32_t>& charTable, int L, int B, int T, int64_t len, int64_t k,
               bool reversed) {
  chars.resize(static_cast<size_t>(B) * T * L);
  targets.resize(static_cast<size_t>(B) * T);
  for (int b = 0; b < B; ++b)
    for (int t = 0; t < T; ++t) {
      const int64_t i = k * T + t;  // index in the row's reading order
      const int64_t pos = b * len + (reversed ? len - 1 - i : i);
      const int64_t next = reversed ? pos - 1 : pos + 1;
      std::copy_n(charTable.begin() + static_cast<int64_t>(surface[pos]) * L, L,
                  chars.begin() + (static_cast<int64_t>(b) * T + t) * L);
      targets[static_cast<size_t>(b) * T + t] = ids[next];
    }
}

}  // namespace

ElmoTrainer::ElmoTrainer(ElmoTrainerOptions options) : opt_(std::move(options)) {}
ElmoTrainer::~ElmoTrainer() = default;

JobResult ElmoTrainer::run(const ProgressSink& sink, StopToken& token) {
  return runGuarded([&](JobResult& result) { result = train(sink, token); });
}

void ElmoTrainer::saveCheckpoint(const std::string& path, const ElmoState& state) {
  SafetensorsWriter w;
  nn::ParameterStore& p = model_->params();
  for (const auto& v : p.views()) w.add(v.name, v.shape, p.params() + v.offset);
  const int64_t n = static_cast<int64_t>(p.bufferSize());
  w.add("__adam.m", {n}, adam_->firstMoment().data());
  w.add("__adam.v", {n}, adam_->secondMoment().data());
  for (size_t i = 0; i < state.h.size(); ++i) {
    w.add("__state.h." + std::to_string(i), {static_cast<int64_t>(state.h[i].size())},
          state.h[i].data());
    w.add("__state.c." + std::to_string(i), {static_cast<int64_t>(state.c[i].size())},
          state.c[i].data());
  }
  w.setMetadata("step", std::to_string(step_));
  w.setMetadata("adam_steps", std::to_string(adam_->steps()));
  w.setMetadata("vocab_size", std::to_string(vocab_.size()));
  w.write(path);
}

double ElmoTrainer::evaluateHeldout() {
  const std::vector<int32_t>& ids = data_->heldIds;
  const int T = opt_.seqLen, L = opt_.model.maxChars;
  const int B = std::max<int64_t>(1, std::min<int64_t>(opt_.batch, static_cast<int64_t>(ids.size()) / (T + 1)));
  const int64_t len = static_cast<int64_t>(ids.size()) / B;
  const int64_t chunks = len > 1 ? (len - 1) / T : 0;
  if (chunks == 0) return std::numeric_limits<double>::quiet_NaN();
  ElmoState state;
  state.reset(opt_.model, B);
  std::vector<int32_t> chars, targets;
  double sum = 0;
  for (int d = 0; d < 2; ++d)
    for (int64_t k = 0; k < chunks; ++k) {
      fillBatch(chars, targets, data_->heldSurface, ids, data_->charTable, L, B, T, len, k, d == 1);
      sum += model_->evaluateDirection(ElmoModel::Direction(d), chars.data(), targets.data(), B, T,
                                       &state);
    }
  // exp of the mean of the forward and backward NLLs per token
  return std::exp(sum / (2.0 * chunks));
}

JobResult ElmoTrainer::train(const ProgressSink& sink, StopToken& token) {
  const ElmoTrainerOptions& o = opt_;
  if (o.outDir.empty()) throw UsageError("elmo: an output directory is required");
  if (o.corpusFiles.empty()) throw UsageError("elmo: no corpus file");
  if (o.seqLen < 1 || o.batch < 1 || o.epochs < 1)
    throw UsageError("elmo: seq-len, batch and epochs must be positive");
  if (o.threads > 0) omp_set_num_threads(o.threads);
  fs::create_directories(o.outDir);
  const auto start = Clock::now();
  Clock::duration paused{};
  const int L = o.model.maxChars, B = o.batch, T = o.seqLen;

  // Read and tokenize: every heldoutEvery-th line goes to the held-out text.
  Progress pr;
  pr.phase = "vocabulary";
  if (sink) sink(pr);
  Tokenizer tokenizer(o.tokenizer);
  std::vector<std::vector<std::string>> train, held;
  std::map<std::string, int64_t> counts;
  int64_t lineNo = 0;
  for (const auto& file : o.corpusFiles) {
    CorpusReader reader(file);
    std::string line;
    while (reader.nextLine(line)) {
      std::vector<std::string> toks;
      tokenizer.tokenize(line, toks);
      if (toks.empty()) continue;
      ++lineNo;
      if (token.stopRequested()) return {JobStatus::Stopped, "stopped while reading the corpus", {}};
      if (o.heldoutEvery > 0 && lineNo % o.heldoutEvery == 0) {
        held.push_back(std::move(toks));
      } else {
        for (const auto& t : toks) ++counts[t];
        train.push_back(std::move(toks));
      }
    }
  }
  const std::string vocabPath = o.outDir + "/vocab.txt";
  const std::string ckptPath = o.outDir + "/checkpoint.safetensors";
  const bool resuming = o.resume && fs::exists(ckptPath) && fs::exists(vocabPath);
  if (resuming) {
    vocab_ = ElmoVocabulary::load(vocabPath);
  } else {
    Vocabulary::Options vo;
    vo.minCount = o.minCount;
    vo.threads = 1;
    Vocabulary v = Vocabulary::fromCounts({counts.begin(), counts.end()}, vo);
    vocab_ = ElmoVocabulary::fromVocabulary(v, o.maxVocab);
    vocab_.save(vocabPath);
  }

  data_ = std::make_unique<Data>();
  std::unordered_map<std::string, int32_t> surfaces;
  auto append = [&](const std::string& w, std::vector<int32_t>& surf, std::vector<int32_t>& ids) {
    auto [it, added] = surfaces.emplace(w, static_cast<int32_t>(surfaces.size()));
    if (added) {
      data_->charTable.resize(data_->charTable.size() + L);
      ElmoCharacters::encode(w, data_->charTable.data() + data_->charTable.size() - L, L);
    }
    surf.push_back(it->second);
    ids.push_back(vocab_.id(w));
  };
  for (int part = 0; part < 2; ++part)
    for (const auto& s : part == 0 ? train : held) {
      auto& surf = part == 0 ? data_->trainSurface : data_->heldSurface;
      auto& ids = part == 0 ? data_->trainIds : data_->heldIds;
      append(ElmoCharacters::sentenceStart(), surf, ids);
      for (const auto& w : s) append(w, surf, ids);
      append(ElmoCharacters::sentenceEnd(), surf, ids);
    }
  const int64_t len = static_cast<int64_t>(data_->trainIds.size()) / B;
  const int64_t perEpoch = len > 1 ? (len - 1) / T : 0;
  if (perEpoch < 1)
    throw Error(o.corpusFiles.front() + ": corpus too small for " + std::to_string(B) +
                " rows of " + std::to_string(T + 1) + " tokens (" +
                std::to_string(data_->trainIds.size()) + " tokens)");
  const int64_t total = perEpoch * o.epochs;

  model_ = std::make_unique<ElmoModel>(o.model, vocab_.size(), o.seed);
  nn::AdamWOptions ao;
  ao.weightDecay = o.weightDecay;
  adam_ = std::make_unique<nn::AdamW>(model_->params(), ao);
  ElmoState state;
  state.reset(o.model, B);
  step_ = 0;
  JobResult result;
  if (resuming) {
    SafetensorsFile f = SafetensorsFile::read(ckptPath);
    nn::ParameterStore& p = model_->params();
    for (const auto& v : p.views()) {
      const SafeTensor& t = f.get(v.name, v.shape);
      std::copy(t.data.begin(), t.data.end(), p.params() + v.offset);
    }
    const int64_t n = static_cast<int64_t>(p.bufferSize());
    const auto& m = f.get("__adam.m", {n}).data;
    const auto& v = f.get("__adam.v", {n}).data;
    std::copy(m.begin(), m.end(), adam_->firstMoment().begin());
    std::copy(v.begin(), v.end(), adam_->secondMoment().begin());
    for (size_t i = 0; i < state.h.size(); ++i) {
      const auto& h = f.get("__state.h." + std::to_string(i),
                            {static_cast<int64_t>(state.h[i].size())}).data;
      const auto& c = f.get("__state.c." + std::to_string(i),
                            {static_cast<int64_t>(state.c[i].size())}).data;
      std::copy(h.begin(), h.end(), state.h[i].begin());
      std::copy(c.begin(), c.end(), state.c[i].begin());
    }
    try {
      step_ = std::stoll(f.metadata().at("step"));
      adam_->setSteps(std::stoll(f.metadata().at("adam_steps")));
    } catch (const std::exception&) {
      throw Error(ckptPath + ": checkpoint without a valid step");
    }
    if (step_ < 0 || step_ > total)
      throw Error(ckptPath + ": checkpoint step " + std::to_string(step_) +
                  " does not fit this corpus and these options");
  }

  std::vector<int32_t> chars, targets;
  double windowLoss = 0;
  int64_t windowSteps = 0;
  auto windowStart = Clock::now();
  auto lastReport = Clock::now();
  const int64_t firstStep = step_;
  // Throughput counts the training steps only (not reading the corpus or building the vocabulary).
  const auto trainStart = Clock::now();
  const Clock::duration pausedBefore = paused;
  auto abort = [&] { return token.stopRequested(); };
  pr.phase = "training";
  pr.total = total * B * T;
  while (step_ < total) {
    paused += token.waitIfPaused();
    if (token.stopRequested()) break;
    const int64_t k = step_ % perEpoch;
    if (k == 0 && step_ != firstStep) state.reset(o.model, B);  // a new epoch starts fresh
    const ElmoState before = state;
    model_->params().zeroGrad();
    std::mt19937_64 rng(o.seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(step_));
    double loss = 0;
    for (int d = 0; d < 2 && std::isfinite(loss); ++d) {
      fillBatch(chars, targets, data_->trainSurface, data_->trainIds, data_->charTable, L, B, T, len,
                k, d == 1);
      loss += 0.5 * model_->trainDirection(ElmoModel::Direction(d), chars.data(), targets.data(),
                                           B, T, &state, 0.5f, &rng, abort);
    }
    if (token.stopRequested()) {
      state = before;  // the interrupted step did not happen
      break;
    }
    if (!std::isfinite(loss)) {
      result.status = JobStatus::Failed;
      result.message = "elmo: non-finite loss at step " + std::to_string(step_ + 1);
      return result;
    }
    if (o.clipNorm > 0) model_->params().clipGradNorm(o.clipNorm);
    adam_->step(o.lr);
    ++step_;
    windowLoss += loss;
    ++windowSteps;
    finalLoss_ = loss;
    if (o.checkpointEvery > 0 && step_ % o.checkpointEvery == 0 && step_ < total) {
      saveCheckpoint(ckptPath, state);
    }
    const auto now = Clock::now();
    if (secondsOf(now - lastReport) >= 0.25 || step_ == total || step_ == firstStep + 1) {
      const double elapsed = secondsOf(now - start - paused);
      const double win = secondsOf(now - windowStart);
      pr.step = step_ * B * T;
      pr.loss = windowLoss / windowSteps;
      pr.lr = o.lr;
      // Progress counts tokens: a step is B rows of T.
      const double windowTokens = static_cast<double>(windowSteps * B * T);
      const Pace pace{windowTokens, windowTokens, win};
      pr.itemsPerSec = pace.itemsPerSec();
      pr.elapsedSeconds = elapsed;
      pr.etaSeconds = pace.etaSeconds(static_cast<double>((total - step_) * B * T));
      pr.extras = {{"perplexity", std::exp(pr.loss)}};
      if (sink) sink(pr);
      windowLoss = 0;
      windowSteps = 0;
      windowStart = now;
      lastReport = now;
    }
  }
  const double trained = secondsOf(Clock::now() - trainStart - (paused - pausedBefore));
  tokensPerSec_ = trained > 0 ? (step_ - firstStep) * B * T / trained : 0;

  pr.phase = "saving";
  if (sink) sink(pr);
  saveCheckpoint(ckptPath, state);
  result.outputFiles = {vocabPath, ckptPath};
  if (step_ < total) {
    result.status = JobStatus::Stopped;
    result.message = "stopped at step " + std::to_string(step_) + " of " + std::to_string(total);
    return result;
  }
  heldoutPerplexity_ = evaluateHeldout();
  // The model directory describes itself (configuration in the metadata), see ElmoCheckpoint.
  ElmoCheckpoint::save(o.outDir, *model_, vocab_, o.tokenizer);
  const std::string modelPath = o.outDir + "/" + ElmoCheckpoint::kModelFile;
  result.outputFiles.push_back(modelPath);
  pr.phase = "finished";
  pr.extras = {{"perplexity", std::exp(finalLoss_)}, {"heldout_perplexity", heldoutPerplexity_}};
  if (sink) sink(pr);
  return result;
}

}  // namespace embedlab::elmo
