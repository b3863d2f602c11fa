// ELMo as a feature kind (the features themselves: ElmoFeatures.cpp) and ELMo's static word
// vectors for the intrinsic table.
#include <fstream>
#include <unordered_map>

#include "core/compare/ElmoFeatures.h"
#include "core/models/elmo/ElmoCheckpoint.h"
#include "core/models/elmo/ElmoEmbedder.h"
#include "core/util/Error.h"

namespace embedlab {

FeatureResult elmoFeatures(const FeatureRequest& request, const CompareContext& ctx) {
  if (!request.option.empty()) throw UsageError("--feature-option: elmo takes none, got '" + request.option + "'");
  const ElmoClassifyFeatures f =
      elmoClassifyFeatures("elmo:" + request.path, *request.trainTexts, *request.trainLabels,
                           request.task ? request.task->trainClasses : 0, *request.testTexts, ctx);
  FeatureResult out;
  out.train = f.train;
  out.test = f.test;
  out.trainSeconds = f.trainSeconds;
  out.testSeconds = f.testSeconds;
  out.description = "ELMo learned mix, mean-pooled (" + std::to_string(out.train.cols) + "-d)";
  out.extra["elmo_weights"] = std::vector<double>(f.weights.begin(), f.weights.end());
  out.extra["elmo_gamma"] = static_cast<double>(f.gamma);
  return out;
}

EmbeddingSet elmoStaticVectors(const std::string& modelPath, const std::string& corpusFile,
                               const std::vector<std::string>& words, const CompareContext& ctx) {
  const elmo::ElmoBundle bundle = elmo::ElmoCheckpoint::load(modelPath);
  std::unordered_map<std::string, int64_t> wanted;
  for (const std::string& w : words) wanted.emplace(w, static_cast<int64_t>(wanted.size()));
  std::ifstream in(corpusFile);
  if (!in) throw Error(corpusFile + ": cannot be read");
  // A sample: the lines holding wanted words, at most 50 contexts per word, 20000 lines read.
  std::vector<std::string> lines;
  std::vector<int> contexts(words.size(), 0);
  std::string line;
  for (int64_t read = 0; read < 20000 && std::getline(in, line); ++read) {
    const auto tokens = elmo::ElmoEmbedder::tokenize({line}, bundle.tokenizer).front();
    bool useful = false;
    for (const std::string& t : tokens) {
      auto it = wanted.find(t);
      if (it != wanted.end() && contexts[it->second] < 50) ++contexts[it->second], useful = true;
    }
    if (useful) lines.push_back(line);
  }
  ctx.note("elmo: contexts of " + std::to_string(words.size()) + " words in " + std::to_string(lines.size()) +
           " lines of " + corpusFile);
  const auto sentences = elmo::ElmoEmbedder::tokenize(lines, bundle.tokenizer);
  elmo::ElmoEmbedder embedder(*bundle.model);
  bool stopped = false;
  std::vector<std::vector<float>> layers;
  {
    CompareStage stage(ctx, "sentences");
    layers = embedder.embed(
        sentences, [&](int64_t done, int64_t total) { stage.report("embedding contexts", done, total); }, ctx.stop,
        &stopped);
  }
  if (stopped) throw Error("interrupted while embedding the contexts of " + corpusFile + " with " + modelPath);
  const int K = embedder.layers(), D = embedder.dim();
  std::vector<double> sum(words.size() * static_cast<size_t>(D), 0.0);
  std::vector<int64_t> count(words.size(), 0);
  for (size_t s = 0; s < sentences.size(); ++s) {
    const size_t T = sentences[s].size();
    if (layers[s].size() < static_cast<size_t>(K) * T * static_cast<size_t>(D)) continue;  // cut by maxTokens
    for (size_t t = 0; t < T; ++t) {
      auto it = wanted.find(sentences[s][t]);
      if (it == wanted.end() || count[it->second] >= 50) continue;
      double* acc = sum.data() + it->second * D;
      for (int k = 0; k < K; ++k) {
        const float* h = layers[s].data() + (static_cast<size_t>(k) * T + t) * D;
        for (int d = 0; d < D; ++d) acc[d] += h[d] / K;
      }
      ++count[it->second];
    }
  }
  std::vector<std::string> labels;
  std::vector<size_t> rows;
  for (size_t w = 0; w < words.size(); ++w)
    if (count[w] > 0) labels.push_back(words[w]), rows.push_back(w);
  EmbeddingSet set(labels, D);
  for (size_t r = 0; r < rows.size(); ++r)
    for (int d = 0; d < D; ++d)
      set.row(static_cast<int64_t>(r))[d] = static_cast<float>(sum[rows[r] * D + d] / count[rows[r]]);
  return set;
}

}  // namespace embedlab
