// bert:DIR features: a frozen BERT (any Hugging Face BERT
// directory, or one EmbedLab pre-trained) turns each text into one vector — the [CLS] position or
// the mean over the text's tokens, of one hidden state or of the mean of the last four — and the
// same logistic regression as every other feature kind is trained on top.
// Option (FeatureRequest::option, the CLI's --feature-option): "layer=N" (0..L, or -1 = mean of the last four; default -1),
// "pool=mean|cls" (default mean), "max-len=N" (default 128, at most the model's positions).
// Also the static vectors of the intrinsic table: a word's contextual vectors averaged over its
// occurrences in a corpus sample (BertContext::staticVectors).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

#include "core/compare/BertFeatures.h"
#include "core/models/bert/BertCheckpoint.h"
#include "core/models/bert/BertClassifier.h"
#include "core/models/bert/BertContext.h"
#include "core/util/Error.h"

namespace embedlab {
namespace {

struct BertFeatureOptions {
  int layer = -1;
  bool cls = false;
  int64_t maxLength = 128;
  // --finetune only:
  int epochs = 3;
  double lr = 3e-5;
  int batch = 16;
};

BertFeatureOptions parseOptions(const std::string& text) {
  BertFeatureOptions o;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(',', pos);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(pos, end - pos);
    pos = end + 1;
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    const std::string key = item.substr(0, eq), value = eq == std::string::npos ? "" : item.substr(eq + 1);
    auto integer = [&](int64_t lo, int64_t hi) {
      try {
        size_t used = 0;
        const long long v = std::stoll(value, &used);
        if (used == value.size() && v >= lo && v <= hi) return static_cast<int64_t>(v);
      } catch (const std::exception&) {
      }
      throw UsageError("--feature-option " + key + "=" + value + ": expected an integer in [" + std::to_string(lo) +
                       ", " + std::to_string(hi) + "]");
    };
    auto real = [&](double lo, double hi) {
      try {
        size_t used = 0;
        const double v = std::stod(value, &used);
        if (used == value.size() && v > lo && v <= hi) return v;
      } catch (const std::exception&) {
      }
      throw UsageError("--feature-option " + key + "=" + value + ": expected a number in (" + std::to_string(lo) + ", " +
                       std::to_string(hi) + "]");
    };
    if (key == "layer")
      o.layer = static_cast<int>(integer(-1, 1000));
    else if (key == "pool" && (value == "mean" || value == "cls"))
      o.cls = value == "cls";
    else if (key == "max-len")
      o.maxLength = integer(3, 1 << 20);
    else if (key == "epochs")
      o.epochs = static_cast<int>(integer(1, 1000));
    else if (key == "lr")
      o.lr = real(0, 1);
    else if (key == "batch")
      o.batch = static_cast<int>(integer(1, 4096));
    else
      throw UsageError("--feature-option: unknown bert option '" + item + "' (layer=N, pool=mean|cls, max-len=N; "
                       "with --finetune: epochs=N, lr=X, batch=N)");
  }
  return o;
}

// One row per text, L2-normalised. Texts are encoded in batches of similar length (sorted by
// length, so that padding costs little); rows come back in the texts' order. A stop between
// batches ends with an Error.
FeatureMatrix encodeTexts(BertModel& model, const WordPieceTokenizer& tokenizer, const std::vector<std::string>& texts,
                          const BertFeatureOptions& o, int first, int last, const std::string& phase,
                          const CompareContext& ctx) {
  CompareStage stage(ctx, "texts");
  const int C = model.hidden();
  FeatureMatrix out = FeatureMatrix::makeDense(static_cast<int64_t>(texts.size()), C);
  WordPieceTokenizer::EncodeOptions eo;
  eo.maxLength = std::min<int64_t>(o.maxLength, model.config().maxPositionEmbeddings);
  std::vector<WordPieceEncoding> enc(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) enc[i] = tokenizer.encode(texts[i], eo);
  std::vector<size_t> order(texts.size());
  std::iota(order.begin(), order.end(), size_t(0));
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return enc[a].size() < enc[b].size(); });
  const int32_t pad = std::max(0, tokenizer.vocab().padId());
  constexpr size_t kBatch = 16;
  std::vector<int32_t> ids, types, mask;
  std::vector<double> acc(static_cast<size_t>(C));
  BertForwardOptions fo;
  fo.pooler = fo.mlm = fo.nsp = false;
  const int64_t N = static_cast<int64_t>(texts.size());
  for (size_t b0 = 0; b0 < order.size(); b0 += kBatch) {
    if (ctx.stopRequested()) throw Error("stopped while " + phase + " texts");
    stage.report(phase, static_cast<int64_t>(b0), N);
    const size_t B = std::min(kBatch, order.size() - b0);
    size_t T = 0;
    for (size_t j = 0; j < B; ++j) T = std::max(T, enc[order[b0 + j]].size());
    ids.assign(B * T, pad);
    types.assign(B * T, 0);
    mask.assign(B * T, 0);
    for (size_t j = 0; j < B; ++j) {
      const WordPieceEncoding& e = enc[order[b0 + j]];
      for (size_t t = 0; t < e.size(); ++t) {
        ids[j * T + t] = e.ids[t];
        types[j * T + t] = e.typeIds[t];
        mask[j * T + t] = 1;
      }
    }
    BertBatch batch;
    batch.B = static_cast<int>(B);
    batch.T = static_cast<int>(T);
    batch.inputIds = ids.data();
    batch.tokenTypeIds = types.data();
    batch.attentionMask = mask.data();
    model.forward(batch, fo);
    for (size_t j = 0; j < B; ++j) {
      const WordPieceEncoding& e = enc[order[b0 + j]];
      std::fill(acc.begin(), acc.end(), 0.0);
      // Positions pooled: [CLS] only, or the text's tokens without [CLS] and [SEP] (all of them
      // when the text is empty and only the specials remain).
      size_t from = 0, to = 1;
      if (!o.cls) {
        from = e.size() > 2 ? 1 : 0;
        to = e.size() > 2 ? e.size() - 1 : e.size();
      }
      for (int l = first; l <= last; ++l) {
        const float* h = model.hiddenState(l) + j * T * C;
        for (size_t t = from; t < to; ++t)
          for (int c = 0; c < C; ++c) acc[c] += h[t * C + c];
      }
      double norm = 0;
      for (double v : acc) norm += v * v;
      norm = std::sqrt(norm);
      float* row = out.values.data() + order[b0 + j] * static_cast<size_t>(C);
      for (int c = 0; c < C; ++c) row[c] = norm > 0 ? static_cast<float>(acc[c] / norm) : 0.0f;
    }
  }
  stage.report(phase, N, N);
  return out;
}

void layerRange(const BertModel& model, int layer, int* first, int* last) {
  const int L = model.layers();
  if (layer > L) throw UsageError("--feature-option layer=" + std::to_string(layer) + ": the model has hidden states 0.." +
                                  std::to_string(L));
  if (layer < 0) {
    *first = std::max(1, L - 3);
    *last = L;
  } else {
    *first = *last = layer;
  }
}

// --finetune: the whole model learns the task (BertClassifier: [CLS] -> pooler -> dropout ->
// linear), and its own predictions are scored; no logistic regression on top.
FeatureResult bertFinetuned(const FeatureRequest& request, const BertFeatureOptions& o, const CompareContext& ctx) {
  using Clock = std::chrono::steady_clock;
  BertClassifierOptions options;
  options.modelDir = request.path;
  options.epochs = o.epochs;
  options.lr = o.lr;
  options.batch = o.batch;
  options.maxLength = static_cast<int>(o.maxLength);
  options.threads = request.threads;
  options.validate();
  BertClassifier classifier(options);
  const TaskData& task = *request.task;
  std::vector<std::string> trainLabels(task.labels.begin(), task.labels.begin() + task.trainClasses);
  classifier.loadModel(trainLabels);
  FeatureResult out;
  auto t = Clock::now();
  ctx.note("bert: fine-tuning on " + std::to_string(task.train.size()) + " texts for " + std::to_string(o.epochs) +
           " epochs");
  StopToken ownToken;
  StopToken& token = ctx.stop ? *ctx.stop : ownToken;
  JobResult r;
  {
    CompareStage stage(ctx, "steps");
    r = classifier.train(task.train, [&](const Progress& p) { stage.report(p); }, token);
  }
  if (r.status != JobStatus::Finished) throw Error(request.path + ": fine-tuning failed: " + r.message);
  out.trainSeconds = std::chrono::duration<double>(Clock::now() - t).count();
  t = Clock::now();
  out.testPredictions = classifier.predict(*request.testTexts);
  out.testSeconds = std::chrono::duration<double>(Clock::now() - t).count();
  out.predictsDirectly = true;
  out.description = "BERT fine-tuned (" + std::to_string(o.epochs) + " epochs, lr " + std::to_string(o.lr) + ")";
  out.extra["finetune_steps"] = classifier.summary().steps;
  return out;
}

}  // namespace

FeatureResult bertFeatures(const FeatureRequest& request, const CompareContext& ctx) {
  using Clock = std::chrono::steady_clock;
  const BertFeatureOptions o = parseOptions(request.option);
  if (request.finetune) return bertFinetuned(request, o, ctx);
  BertCheckpoint checkpoint = BertCheckpoint::load(request.path);
  BertModel& model = checkpoint.model();
  int first = 0, last = 0;
  layerRange(model, o.layer, &first, &last);
  FeatureResult out;
  auto t = Clock::now();
  ctx.note("bert: encoding " + std::to_string(request.trainTexts->size()) + " training texts");
  out.train = encodeTexts(model, checkpoint.tokenizer(), *request.trainTexts, o, first, last, "encoding train", ctx);
  out.trainSeconds = std::chrono::duration<double>(Clock::now() - t).count();
  t = Clock::now();
  ctx.note("bert: encoding " + std::to_string(request.testTexts->size()) + " test texts");
  out.test = encodeTexts(model, checkpoint.tokenizer(), *request.testTexts, o, first, last, "encoding test", ctx);
  out.testSeconds = std::chrono::duration<double>(Clock::now() - t).count();
  out.description = std::string("frozen BERT, ") + (o.cls ? "[CLS]" : "mean of tokens") + " of " +
                    (first == last ? "hidden state " + std::to_string(first)
                                   : "hidden states " + std::to_string(first) + ".." + std::to_string(last)) +
                    " (" + std::to_string(model.hidden()) + "-d)";
  out.extra["bert_layers"] = {first, last};
  return out;
}

EmbeddingSet bertStaticVectors(const std::string& modelPath, const std::string& corpusFile,
                               const std::vector<std::string>& words, const CompareContext& ctx) {
  BertCheckpoint checkpoint = BertCheckpoint::load(modelPath);
  std::ifstream in(corpusFile);
  if (!in) throw Error(corpusFile + ": cannot be read");
  std::vector<std::string> lines;
  std::string line;
  constexpr size_t kMaxLines = 20000;  // a sample: enough contexts for the common words
  while (lines.size() < kMaxLines && std::getline(in, line))
    if (!line.empty()) lines.push_back(line);
  BertContext::Options options;
  options.maxLength = 128;
  options.maxPerWord = 50;
  BertContext context(checkpoint.model(), checkpoint.tokenizer(), options);
  // Benchmark words the tokenizer would split into several words (hyphenated, ...) have no
  // single contextual vector: leave them out (they count as OOV).
  std::vector<std::string> usable;
  for (const std::string& w : words) {
    const WordPieceEncoding e = checkpoint.tokenizer().encode(w);
    bool single = !w.empty();
    for (int32_t id : e.wordIds) single = single && id <= 0;
    if (single) usable.push_back(w);
  }
  ctx.note("bert: contexts of " + std::to_string(usable.size()) + " words in " + std::to_string(lines.size()) +
           " lines of " + corpusFile);
  return context.staticVectors(lines, usable);
}

}  // namespace embedlab
