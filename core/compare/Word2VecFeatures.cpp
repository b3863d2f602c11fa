#include "core/compare/Word2VecFeatures.h"

#include <chrono>

#include "core/eval/TfIdfVectorizer.h"
#include "core/io/WordVectors.h"
#include "core/text/Tokenizer.h"
#include "core/util/Error.h"

namespace embedlab {

EmbeddingSet loadVectorsFile(const std::string& path, const CompareContext& ctx) {
  CompareStage stage(ctx, "bytes");
  WordVectorsLoadOptions options;
  options.stop = ctx.stop;
  options.progress = [&](const Progress& p) { stage.report(p); };
  WordVectorsLoadReport report;
  EmbeddingSet set = loadWordVectors(path, options, &report);
  if (set.empty() || set.dim() <= 0) throw Error(path + ": no word vectors in the file");
  if (report.duplicatesSkipped > 0)
    ctx.note(path + ": " + std::to_string(report.duplicatesSkipped) + " duplicate words skipped (the first row wins)");
  return set;
}

FeatureResult word2vecFeatures(const FeatureRequest& request, bool weighted, const CompareContext& ctx) {
  using Clock = std::chrono::steady_clock;
  auto since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
  FeatureResult out;
  const EmbeddingSet vectors = loadVectorsFile(request.path, ctx);
  const Tokenizer tokenizer;
  auto t = Clock::now();
  TfIdfVectorizer idf;
  if (weighted) {
    TfIdfVectorizer::Options unigrams;
    unigrams.wordNgrams = 1;
    unigrams.minDf = 1;
    idf = TfIdfVectorizer(unigrams);
    idf.fitTransform(*request.trainTexts);
  }
  int64_t found = 0, total = 0;
  out.train = meanVectorFeatures(*request.trainTexts, vectors, tokenizer, weighted ? &idf : nullptr, &found, &total);
  out.trainSeconds = since(t);
  t = Clock::now();
  out.test = meanVectorFeatures(*request.testTexts, vectors, tokenizer, weighted ? &idf : nullptr);
  out.testSeconds = since(t);
  if (found == 0) throw Error(request.path + ": none of the training texts' tokens has a vector");
  out.description = std::string(weighted ? "idf-weighted mean" : "mean") + " of " + std::to_string(vectors.dim()) +
                    "-d word vectors";
  out.extra["tokens_found"] = total > 0 ? double(found) / double(total) : 0.0;
  return out;
}

}  // namespace embedlab
