// embedlab-cli eval similarity: rank correlation of cosine similarities with human judgements
// (WordSim-353, SimLex-999, or any "w1 w2 score" file).
#include <nlohmann/json.hpp>

#include "app/cli/Command.h"
#include "app/cli/Files.h"
#include "app/cli/Vectors.h"
#include "core/eval/SimilarityBenchmark.h"
#include "core/util/Error.h"

namespace embedlab::cli {
namespace {

void defineFlags(ArgParser& args) {
  args.required("vectors", "FILE", "word vectors: .vec/.txt (word2vec or GloVe text), .bin, .tsv")
      .required("pairs", "FILE", "word pairs with scores: WordSim-353 .tsv, SimLex-999 .txt, or 'w1 w2 score' lines")
      .option("restrict-vocab", "N", "0", "only the N first (most frequent) words count as known (0: all)");
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext& ctx) {
  const std::string vectorsPath = args.getPath("vectors");
  const std::string pairsPath = args.getPath("pairs");
  SimilarityBenchmark::Options options;
  options.restrictVocab = args.getInt("restrict-vocab", 0, INT64_MAX);
  requireInputFile(pairsPath);
  const SimilarityBenchmark benchmark = SimilarityBenchmark::load(pairsPath);
  if (benchmark.pairs().empty()) throw Error(pairsPath + ": no word pairs in the file");
  const EmbeddingSet vectors = loadVectors(vectorsPath, ctx);

  const SimilarityBenchmark::Result r = benchmark.evaluate(vectors, options);
  if (r.pairs < 2) ctx.warn("fewer than 2 pairs with both words known: no correlation (null)");
  // NaN (too few pairs) is written as null: JSON has no NaN.
  return {{"spearman", r.spearman}, {"pearson", r.pearson}, {"pairs", r.pairs}, {"oov", r.oov}};
}

const CommandRegistration registration{{
    "eval similarity",
    "Spearman and Pearson correlation of word vectors with human similarity scores",
    "Example:\n"
    "  embedlab-cli eval similarity --vectors vectors.bin --pairs wordsim353.tsv\n"
    "Output:\n"
    "  {\"spearman\":0.4102,\"pearson\":0.4136,\"pairs\":310,\"oov\":43}\n"
    "  pairs: pairs used; oov: pairs skipped because a word is not in the vectors. The\n"
    "  correlations are null when fewer than 2 pairs are usable.",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
