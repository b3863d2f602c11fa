// The evaluation files: the input is read as an analogy file (Google questions-words format) and
// as a word-similarity file (WordSim / SimLex / generic pairs), through load() from a file. What
// parses is then evaluated on small vectors that hold some of its words (and one zero vector),
// so that the evaluation code sees odd spellings, repeated words and empty sections as well.
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/embeddings/EmbeddingSet.h"
#include "core/eval/AnalogyBenchmark.h"
#include "core/eval/SimilarityBenchmark.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace embedlab;

namespace {

// Vectors for up to 24 distinct words (file order), deterministic values; the third is zero.
EmbeddingSet vectorsFor(const std::vector<std::string>& words) {
  std::set<std::string> seen;
  std::vector<std::string> labels;
  for (const std::string& w : words)
    if (labels.size() < 24 && seen.insert(w).second) labels.push_back(w);
  const int dim = 4;
  EmbeddingSet set({}, dim);
  for (size_t r = 0; r < labels.size(); ++r) {
    float v[dim];
    for (int d = 0; d < dim; ++d) v[d] = r == 2 ? 0.0f : std::sin(static_cast<float>(r * 7 + d * 3 + 1));
    set.addRow(labels[r], v, 0);
  }
  return set;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = fuzz::writeFile("eval.txt", fuzz::asView(data, size));

  AnalogyBenchmark analogies;
  if (fuzz::onlyErrors("AnalogyBenchmark::load", [&] { analogies = AnalogyBenchmark::load(path); })) {
    std::vector<std::string> words;
    for (const AnalogyQuestion& q : analogies.questions()) {
      EMBEDLAB_FUZZ_CHECK(q.section >= 0 && q.section < static_cast<int>(analogies.sectionNames().size()));
      for (const std::string* w : {&q.a, &q.b, &q.c, &q.d}) words.push_back(*w);
    }
    const EmbeddingSet vectors = vectorsFor(words);
    for (bool caseInsensitive : {true, false}) {
      AnalogyBenchmark::Options options;
      options.threads = 1;
      options.caseInsensitive = caseInsensitive;
      options.restrictVocab = caseInsensitive ? 0 : 5;
      AnalogyBenchmark::Result r;
      fuzz::onlyErrors("AnalogyBenchmark::evaluate", [&] { r = analogies.evaluate(vectors, options); });
      EMBEDLAB_FUZZ_CHECK(r.questions == static_cast<int64_t>(analogies.questions().size()));
      EMBEDLAB_FUZZ_CHECK(r.total + r.oov == r.questions);
      EMBEDLAB_FUZZ_CHECK(r.correct <= r.total);
      EMBEDLAB_FUZZ_CHECK(r.answers.size() == analogies.questions().size());
      for (int64_t a : r.answers) EMBEDLAB_FUZZ_CHECK(a >= -1 && a < vectors.rows());
    }
  }

  SimilarityBenchmark pairs;
  if (fuzz::onlyErrors("SimilarityBenchmark::load", [&] { pairs = SimilarityBenchmark::load(path); })) {
    std::vector<std::string> words;
    for (const WordPair& p : pairs.pairs()) {
      EMBEDLAB_FUZZ_CHECK(std::isfinite(p.score));
      words.push_back(p.w1);
      words.push_back(p.w2);
    }
    const EmbeddingSet vectors = vectorsFor(words);
    SimilarityBenchmark::Result r;
    fuzz::onlyErrors("SimilarityBenchmark::evaluate", [&] { r = pairs.evaluate(vectors); });
    EMBEDLAB_FUZZ_CHECK(r.pairs + r.oov == static_cast<int64_t>(pairs.pairs().size()));
    EMBEDLAB_FUZZ_CHECK(r.scored.size() == static_cast<size_t>(r.pairs));
    if (r.pairs >= 2) EMBEDLAB_FUZZ_CHECK(std::isnan(r.spearman) || std::fabs(r.spearman) <= 1.0 + 1e-9);
  }
  return 0;
}
