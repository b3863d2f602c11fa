#include "core/models/bert/BertPretrainer.h"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>

#include "core/embeddings/EmbeddingSet.h"
#include "core/io/Safetensors.h"
#include "core/models/bert/BertCheckpoint.h"
#include "core/models/bert/LrSchedule.h"
#include "core/nn/AdamW.h"
#include "core/nn/CrossEntropy.h"
#include "core/text/WordPieceTrainer.h"
#include "core/train/JobSupport.h"
#include "core/util/Error.h"

namespace embedlab {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

uint64_t mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Work of one pass, in floating-point operations, that a stop request may have to wait for:
// ~50 ms at the few tens of GFLOP/s that two cores reach on these GEMMs.
constexpr double kPassFlops = 2e9;

// Metadata keys of the checkpoint that must match the options of a resumed run: they fix the
// shapes, the vocabulary and the sequence of batches.
const char* const kFixedKeys[] = {"layers", "hidden",        "heads", "intermediate", "max_length",
                                  "nsp",    "vocab_size",    "batch", "accumulation", "seed",
                                  "max_predictions", "pass_sequences"};

}  // namespace

// Sums over the steps of one reporting window (double, as DESIGN.md asks of losses).
struct BertPretrainer::Window {
  double loss = 0, mlmLoss = 0, nspLoss = 0;
  int64_t steps = 0, tokens = 0;
  int64_t mlmLabelled = 0, mlmCorrect = 0, nspLabelled = 0, nspCorrect = 0;
  double seconds = 0;  // compute time of its steps
};

void BertPretrainerOptions::validate() const {
  auto positive = [](int64_t v, const char* name) {
    if (v < 1) throw UsageError(std::string("bert: ") + name + " must be at least 1, got " + std::to_string(v));
  };
  if (outDir.empty()) throw UsageError("bert: an output directory is required");
  if (corpusFiles.empty()) throw UsageError("bert: no corpus file");
  positive(layers, "layers");
  positive(hidden, "hidden size");
  positive(heads, "heads");
  positive(intermediate, "intermediate size");
  positive(batch, "batch");
  positive(accumulation, "accumulation");
  positive(steps, "steps");
  if (hidden % heads != 0)
    throw UsageError("bert: hidden size " + std::to_string(hidden) + " is not divisible by " +
                     std::to_string(heads) + " heads");
  if (maxLength < (nsp ? 5 : 3)) throw UsageError("bert: max length too small: " + std::to_string(maxLength));
  if (vocabPath.empty() && vocabSize < 16)
    throw UsageError("bert: vocabulary size must be at least 16, got " + std::to_string(vocabSize));
  if (!(dropout >= 0 && dropout < 1)) throw UsageError("bert: dropout must be in [0, 1)");
  if (!(lr >= 0 && std::isfinite(lr))) throw UsageError("bert: learning rate must be a finite number >= 0");
  if (!(weightDecay >= 0 && std::isfinite(weightDecay))) throw UsageError("bert: weight decay must be >= 0");
  if (warmup > steps) throw UsageError("bert: warm-up longer than training");
  if (passSequences < 0 || checkpointEvery < 0 || threads < 0 || maxPredictions < 0)
    throw UsageError("bert: pass sequences, checkpoint interval, threads and max predictions must be >= 0");
}

int BertPretrainerOptions::effectiveMaxPredictions() const {
  if (maxPredictions > 0) return maxPredictions;
  return std::max(1, static_cast<int>(std::lround(maskProbability * maxLength)));
}

BertPretrainer::BertPretrainer(BertPretrainerOptions options) : opt_(std::move(options)) {}
BertPretrainer::~BertPretrainer() = default;

JobResult BertPretrainer::run(const ProgressSink& sink, StopToken& token) {
  return runGuarded([&](JobResult& result) { result = train(sink, token); });
}

BertConfig BertPretrainer::modelConfig(int64_t vocabSize) const {
  BertConfig c;
  c.vocabSize = vocabSize;
  c.hiddenSize = opt_.hidden;
  c.numHiddenLayers = opt_.layers;
  c.numAttentionHeads = opt_.heads;
  c.intermediateSize = opt_.intermediate;
  c.maxPositionEmbeddings = opt_.maxLength;
  c.hiddenDropoutProb = opt_.dropout;
  c.attentionProbsDropoutProb = opt_.dropout;
  c.padTokenId = tokenizer_->vocab().padId();
  c.architectures = {opt_.nsp ? "BertForPreTraining" : "BertForMaskedLM"};
  return c;
}

int BertPretrainer::passSequences() const {
  if (opt_.passSequences > 0) return std::min(opt_.passSequences, opt_.batch);
  // Training FLOPs per token (forward + backward = 3 x forward): the layers' GEMMs and attention.
  const double C = opt_.hidden, FF = opt_.intermediate, T = opt_.maxLength;
  const double perToken = 6.0 * opt_.layers * (4 * C * C + 2 * C * FF + 2 * T * C);
  const double sequences = std::floor(kPassFlops / (perToken * T));
  return static_cast<int>(std::clamp(sequences, 1.0, static_cast<double>(opt_.batch)));
}

void BertPretrainer::prepareVocabulary(const ProgressSink& sink, StopToken& token) {
  const std::string vocabOut = opt_.outDir + "/vocab.txt";
  WordPieceTokenizer::Options to;
  to.lowercase = opt_.lowercase;
  const bool resuming = opt_.resume && fs::exists(checkpointPath()) && fs::exists(vocabOut);
  if (resuming) {
    tokenizer_ = std::make_unique<WordPieceTokenizer>(WordPieceVocab::load(vocabOut), to);
    return;
  }
  if (!opt_.vocabPath.empty()) {
    WordPieceVocab v = WordPieceVocab::load(opt_.vocabPath);
    std::error_code ec;
    if (!fs::equivalent(opt_.vocabPath, vocabOut, ec)) v.save(vocabOut);
    tokenizer_ = std::make_unique<WordPieceTokenizer>(std::move(v), to);
    return;
  }
  WordPieceTrainer::Options wo;
  wo.vocabSize = opt_.vocabSize;
  wo.minFrequency = opt_.vocabMinFrequency;
  wo.text.lowercase = opt_.lowercase;
  wo.text.stripAccents = opt_.lowercase;  // BERT's rule: accents go with the case
  const WordPieceTrainer trainer(wo);
  // The trainer's own phases ("counting", "merging") are all "vocabulary" to the outside.
  ProgressSink forward;
  if (sink)
    forward = [&](const Progress& p) {
      Progress q = p;
      q.phase = "vocabulary";
      sink(q);
    };
  WordPieceTrainer::Result r = trainer.trainFiles(opt_.corpusFiles, forward, &token);
  if (r.stopped) return;
  WordPieceTrainer::save(r, vocabOut);
  tokenizer_ = std::make_unique<WordPieceTokenizer>(WordPieceVocab::load(vocabOut), to);
}

void BertPretrainer::saveCheckpoint() const {
  SafetensorsWriter w;
  const nn::ParameterStore& p = model_->params();
  for (const auto& v : p.views()) w.add(v.name, v.shape, p.params() + v.offset);
  const int64_t n = static_cast<int64_t>(p.bufferSize());
  w.add("__adam.m", {n}, adam_->firstMoment().data());
  w.add("__adam.v", {n}, adam_->secondMoment().data());
  w.setMetadata("format", "embedlab-bert-pretraining");
  w.setMetadata("step", std::to_string(step_));
  w.setMetadata("adam_steps", std::to_string(adam_->steps()));
  w.setMetadata("layers", std::to_string(opt_.layers));
  w.setMetadata("hidden", std::to_string(opt_.hidden));
  w.setMetadata("heads", std::to_string(opt_.heads));
  w.setMetadata("intermediate", std::to_string(opt_.intermediate));
  w.setMetadata("max_length", std::to_string(opt_.maxLength));
  w.setMetadata("nsp", opt_.nsp ? "1" : "0");
  w.setMetadata("vocab_size", std::to_string(model_->vocabSize()));
  w.setMetadata("batch", std::to_string(opt_.batch));
  w.setMetadata("accumulation", std::to_string(opt_.accumulation));
  w.setMetadata("seed", std::to_string(opt_.seed));
  w.setMetadata("max_predictions", std::to_string(opt_.effectiveMaxPredictions()));
  w.setMetadata("pass_sequences", std::to_string(passSequences()));
  // The generator state: batches and dropout masks are functions of (seed, step), see the header.
  w.setMetadata("rng", "splitmix64 counter: seed " + std::to_string(opt_.seed) + ", step " + std::to_string(step_));
  w.write(checkpointPath());
}

void BertPretrainer::loadCheckpoint() {
  const std::string path = checkpointPath();
  SafetensorsFile f = SafetensorsFile::read(path);
  auto meta = [&](const std::string& key) -> const std::string& {
    auto it = f.metadata().find(key);
    if (it == f.metadata().end()) throw Error(path + ": not a BERT pre-training checkpoint (no '" + key + "')");
    return it->second;
  };
  if (meta("format") != "embedlab-bert-pretraining") throw Error(path + ": not a BERT pre-training checkpoint");
  // Compare the options that fix shapes and batches with what the checkpoint was made with.
  const std::map<std::string, std::string> now = {
      {"layers", std::to_string(opt_.layers)},
      {"hidden", std::to_string(opt_.hidden)},
      {"heads", std::to_string(opt_.heads)},
      {"intermediate", std::to_string(opt_.intermediate)},
      {"max_length", std::to_string(opt_.maxLength)},
      {"nsp", opt_.nsp ? "1" : "0"},
      {"vocab_size", std::to_string(model_->vocabSize())},
      {"batch", std::to_string(opt_.batch)},
      {"accumulation", std::to_string(opt_.accumulation)},
      {"seed", std::to_string(opt_.seed)},
      {"max_predictions", std::to_string(opt_.effectiveMaxPredictions())},
      {"pass_sequences", std::to_string(passSequences())}};
  for (const char* key : kFixedKeys)
    if (meta(key) != now.at(key))
      throw Error(path + ": made with " + key + " " + meta(key) + ", this run has " + now.at(key) +
                  " (use the same options to resume, or another output directory)");
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
  try {
    step_ = std::stoll(meta("step"));
    adam_->setSteps(std::stoll(meta("adam_steps")));
  } catch (const std::logic_error&) {
    throw Error(path + ": checkpoint without a valid step");
  }
  if (step_ < 0 || step_ > opt_.steps)
    throw Error(path + ": checkpoint at step " + std::to_string(step_) + " is past the " +
                std::to_string(opt_.steps) + " steps of this run");
}

JobResult BertPretrainer::train(const ProgressSink& sink, StopToken& token) {
  const BertPretrainerOptions& o = opt_;
  o.validate();
  if (o.threads > 0) omp_set_num_threads(o.threads);
  const auto start = Clock::now();
  Clock::duration paused{};
  fs::create_directories(o.outDir);
  // A fresh start must not leave an older run's checkpoint to be resumed later.
  if (!o.resume) fs::remove(checkpointPath());
  summary_ = {};
  JobResult result;
  auto stopped = [&](const std::string& when) {
    result.status = JobStatus::Stopped;
    result.message = "stopped " + when;
    return result;
  };

  // 1. Vocabulary and 2. examples.
  Progress pr;
  pr.phase = "vocabulary";
  if (sink) sink(pr);
  prepareVocabulary(sink, token);
  if (!tokenizer_) return stopped("while building the vocabulary");
  MaskedLmOptions mo;
  mo.maxLength = o.maxLength;
  mo.nsp = o.nsp;
  mo.maskProbability = o.maskProbability;
  mo.maxPredictions = o.effectiveMaxPredictions();
  mo.seed = o.seed;
  data_ = std::make_unique<MaskedLmData>(MaskedLmData::fromFiles(o.corpusFiles, *tokenizer_, mo, sink, &token));
  if (data_->stopped()) return stopped("while preparing the examples");
  if (data_->size() == 0)
    throw Error(o.corpusFiles.front() + ": corpus too small: no " +
                (o.nsp ? std::string("sentence pairs (NSP needs documents of two sentences or more)")
                       : std::string("sequences")));
  summary_.vocabSize = tokenizer_->vocab().size();
  summary_.examples = data_->size();

  // 3. Model, optimizer, and the state of a previous run.
  BertModel::Options modelOptions;
  modelOptions.parts.pooler = true;  // kept (untrained without NSP) so that classifiers find one
  modelOptions.parts.nspHead = o.nsp;
  modelOptions.noDecayForNormsAndBiases = true;
  model_ = std::make_unique<BertModel>(modelConfig(tokenizer_->vocab().size()), modelOptions);
  model_->initialize(o.seed);
  nn::AdamWOptions ao;
  ao.beta1 = static_cast<float>(o.adamBeta1);
  ao.beta2 = static_cast<float>(o.adamBeta2);
  ao.eps = static_cast<float>(o.adamEps);
  ao.weightDecay = static_cast<float>(o.weightDecay);
  adam_ = std::make_unique<nn::AdamW>(model_->params(), ao);
  step_ = 0;
  if (o.resume && fs::exists(checkpointPath())) loadCheckpoint();
  const int64_t firstStep = step_;
  int64_t savedStep = firstStep;
  const LrSchedule schedule(o.lr, o.effectiveWarmup(), o.steps);

  // Buffers of one pass.
  const int V = static_cast<int>(model_->vocabSize());
  const int P = passSequences();
  MaskedLmBatch batch;
  std::vector<int32_t> ids, types, mask, labels, nspLabels;
  std::vector<int64_t> positions;
  std::vector<float> probs, dLogits, nspProbs, dNsp;

  Window win;
  auto lastReport = Clock::now();
  pr.phase = "training";
  pr.total = o.steps;
  const double invAccum = 1.0 / o.accumulation;
  while (step_ < o.steps) {
    const auto stepStart = Clock::now();
    Clock::duration stepPaused{};
    model_->params().zeroGrad();
    double stepLoss = 0, stepMlm = 0, stepNsp = 0;
    int64_t stepTokens = 0;
    bool interrupted = false;
    for (int micro = 0; micro < o.accumulation && !interrupted; ++micro) {
      data_->makeBatch(step_ * o.accumulation + micro, o.batch, batch);
      const int64_t labelled = batch.predictions;  // the micro-batch's mean runs over these
      double mlmSum = 0, nspSum = 0;
      for (int r0 = 0, pass = 0; r0 < batch.B; r0 += P, ++pass) {
        stepPaused += token.waitIfPaused();
        if (token.stopRequested()) {
          interrupted = true;
          break;
        }
        // Rows [r0, r0+Bp) of the batch, cut to their own longest sequence.
        const int Bp = std::min(P, batch.B - r0);
        int Tp = 1;
        for (int r = r0; r < r0 + Bp; ++r)
          for (int t = batch.T; t > Tp; --t)
            if (batch.attentionMask[static_cast<size_t>(r) * batch.T + t - 1]) {
              Tp = t;
              break;
            }
        ids.resize(static_cast<size_t>(Bp) * Tp);
        types.resize(ids.size());
        mask.resize(ids.size());
        positions.clear();
        labels.clear();
        for (int b = 0; b < Bp; ++b)
          for (int t = 0; t < Tp; ++t) {
            const size_t src = static_cast<size_t>(r0 + b) * batch.T + t, dst = static_cast<size_t>(b) * Tp + t;
            ids[dst] = batch.inputIds[src];
            types[dst] = batch.typeIds[src];
            mask[dst] = batch.attentionMask[src];
            if (batch.mlmLabels[src] != nn::kIgnoreIndex) {
              positions.push_back(static_cast<int64_t>(dst));
              labels.push_back(batch.mlmLabels[src]);
            }
          }
        BertForwardOptions fo;
        fo.training = true;
        fo.seed = mix(mix(o.seed ^ 0x5bd1e995ULL) + static_cast<uint64_t>(step_)) ^
                  mix(static_cast<uint64_t>(micro) << 20 | static_cast<uint64_t>(pass));
        fo.pooler = o.nsp;
        fo.nsp = o.nsp;
        fo.mlm = !positions.empty();
        fo.mlmPositions = positions;
        model_->forward(BertBatch{Bp, Tp, ids.data(), types.data(), mask.data()}, fo);

        BertOutputGrads grads;
        const int64_t M = static_cast<int64_t>(positions.size());
        if (M > 0) {
          // Cross-entropy of this pass's rows, its gradient scaled as a part of the micro-batch
          // mean: the passes of a batch add up to the loss of the whole batch at once.
          probs.resize(static_cast<size_t>(M) * V);
          dLogits.assign(static_cast<size_t>(M) * V, 0.0f);
          const nn::CrossEntropyResult ce =
              nn::softmaxCrossEntropyForward(probs.data(), model_->mlmLogits(), labels.data(), M, V);
          nn::softmaxCrossEntropyBackward(dLogits.data(), probs.data(), labels.data(), M, V, labelled,
                                          static_cast<float>(invAccum));
          mlmSum += ce.loss * static_cast<double>(ce.labelled);
          win.mlmLabelled += ce.labelled;
          win.mlmCorrect += ce.correct;
          grads.dMlmLogits = dLogits.data();
        }
        if (o.nsp) {
          nspLabels.assign(batch.nspLabels.begin() + r0, batch.nspLabels.begin() + r0 + Bp);
          nspProbs.resize(static_cast<size_t>(Bp) * 2);
          dNsp.assign(static_cast<size_t>(Bp) * 2, 0.0f);
          const nn::CrossEntropyResult ce =
              nn::softmaxCrossEntropyForward(nspProbs.data(), model_->nspLogits(), nspLabels.data(), Bp, 2);
          nn::softmaxCrossEntropyBackward(dNsp.data(), nspProbs.data(), nspLabels.data(), Bp, 2, batch.B,
                                          static_cast<float>(invAccum));
          nspSum += ce.loss * Bp;
          win.nspLabelled += ce.labelled;
          win.nspCorrect += ce.correct;
          grads.dNspLogits = dNsp.data();
        }
        if (!std::isfinite(mlmSum) || !std::isfinite(nspSum)) {
          result.status = JobStatus::Failed;
          result.message = "bert: non-finite loss at step " + std::to_string(step_ + 1) +
                           (savedStep > 0 ? " (the checkpoint of step " + std::to_string(savedStep) + " is kept)"
                                          : " (no checkpoint was written)");
          return result;
        }
        model_->backward(grads);
      }
      const double mlm = labelled > 0 ? mlmSum / labelled : 0.0;
      const double nsp = o.nsp ? nspSum / batch.B : 0.0;
      stepMlm += mlm * invAccum;
      stepNsp += nsp * invAccum;
      stepLoss += (mlm + nsp) * invAccum;
      stepTokens += batch.tokens;
    }
    paused += stepPaused;
    if (interrupted) break;  // the step did not happen: its gradients are dropped
    const double norm = o.clipNorm > 0 ? model_->params().clipGradNorm(o.clipNorm) : model_->params().gradNorm();
    if (!std::isfinite(norm)) {
      result.status = JobStatus::Failed;
      result.message = "bert: non-finite gradient at step " + std::to_string(step_ + 1) +
                       (savedStep > 0 ? " (the checkpoint of step " + std::to_string(savedStep) + " is kept)"
                                      : " (no checkpoint was written)");
      return result;
    }
    pr.lr = schedule.at(step_);
    adam_->step(static_cast<float>(pr.lr));
    ++step_;
    const auto stepEnd = Clock::now();
    const double stepSeconds = secondsOf(stepEnd - stepStart - stepPaused);
    summary_.trainSeconds += stepSeconds;
    summary_.tokensPerSec += static_cast<double>(stepTokens);  // divided at the end
    win.loss += stepLoss;
    win.mlmLoss += stepMlm;
    win.nspLoss += stepNsp;
    win.tokens += stepTokens;
    win.seconds += stepSeconds;
    ++win.steps;

    if (o.checkpointEvery > 0 && step_ % o.checkpointEvery == 0 && step_ < o.steps) {
      saveCheckpoint();
      savedStep = step_;
    }
    const auto now = Clock::now();
    if (secondsOf(now - lastReport) >= o.reportIntervalSeconds || step_ == o.steps || step_ == firstStep + 1) {
      pr.step = step_;
      pr.loss = win.loss / win.steps;
      const Pace pace{static_cast<double>(win.tokens), static_cast<double>(win.steps), win.seconds};
      pr.itemsPerSec = pace.itemsPerSec();
      pr.elapsedSeconds = secondsOf(now - start - paused);
      pr.etaSeconds = pace.etaSeconds(static_cast<double>(o.steps - step_));
      summary_.finalMlmLoss = win.mlmLoss / win.steps;
      summary_.finalMlmAccuracy = win.mlmLabelled > 0 ? double(win.mlmCorrect) / win.mlmLabelled : 0;
      summary_.finalNspAccuracy = win.nspLabelled > 0 ? double(win.nspCorrect) / win.nspLabelled : 0;
      pr.extras = {{"mlm_loss", summary_.finalMlmLoss},
                   {"mlm_accuracy", summary_.finalMlmAccuracy},
                   {"tokens_per_sec", pr.itemsPerSec}};
      if (o.nsp) {
        pr.extras.emplace_back("nsp_loss", win.nspLoss / win.steps);
        pr.extras.emplace_back("nsp_accuracy", summary_.finalNspAccuracy);
      }
      if (sink) sink(pr);
      win = Window();
      lastReport = now;
    }
  }
  summary_.steps = step_;
  summary_.stepsThisRun = step_ - firstStep;
  summary_.tokensPerSec = summary_.trainSeconds > 0 ? summary_.tokensPerSec / summary_.trainSeconds : 0;

  // 4. Save: the checkpoint (stopped) or the model (finished).
  pr.phase = "saving";
  if (sink) sink(pr);
  if (step_ < o.steps) {
    if (step_ > savedStep) saveCheckpoint();
    if (fs::exists(checkpointPath())) result.outputFiles = {checkpointPath()};
    summary_.seconds = secondsOf(Clock::now() - start - paused);
    return stopped("at step " + std::to_string(step_) + " of " + std::to_string(o.steps) +
                   "; run again with the same options to resume");
  }
  BertSaveOptions so;
  so.architecture = o.nsp ? "BertForPreTraining" : "BertForMaskedLM";
  BertCheckpoint::save(o.outDir, *model_, *tokenizer_, so);
  for (const char* f : {"config.json", "model.safetensors", "vocab.txt", "tokenizer_config.json"})
    result.outputFiles.push_back(o.outDir + "/" + f);
  if (fs::exists(checkpointPath())) result.outputFiles.push_back(checkpointPath());

  auto set = std::make_shared<EmbeddingSet>(std::vector<std::string>{}, model_->hidden());
  const WordPieceVocab& vocab = tokenizer_->vocab();
  const float* word = model_->params().data("bert.embeddings.word_embeddings.weight");
  for (int64_t i = 0; i < vocab.size(); ++i) {
    const std::string& t = vocab.token(i);
    if (t.empty() || (t.front() == '[' && t.back() == ']')) continue;
    set->addRow(t, word + i * model_->hidden());
  }
  embeddings_ = set;
  summary_.seconds = secondsOf(Clock::now() - start - paused);
  pr.phase = "finished";
  if (sink) sink(pr);
  return result;
}

}  // namespace embedlab
