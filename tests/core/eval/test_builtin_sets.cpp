// The built-in evaluation sets of resources/eval: both parse with the standard loaders, hold the
// expected counts, the analogies follow Google's combination rule (every ordered couple of
// different pairs of a section), the similarity pairs are sane, and — when the default corpus has
// been built — every word occurs in it often enough for Word2Vec's default min-count.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/eval/AnalogyBenchmark.h"
#include "core/eval/SimilarityBenchmark.h"
#include "core/text/Tokenizer.h"
#include "support/TestPaths.h"

using namespace embedlab;

namespace {

// <repo>/tests/fixtures -> <repo>/resources/eval
std::string evalDir() {
  return (std::filesystem::path(test::fixturesDir()) / ".." / ".." / "resources" / "eval").lexically_normal().string();
}

struct PairSection {
  std::string name;
  std::vector<std::pair<std::string, std::string>> pairs;
};

// analogy-pairs.txt: '#' comments, ": section" lines, "a b" lines.
std::vector<PairSection> readPairs(const std::string& path) {
  std::ifstream in(path);
  std::vector<PairSection> sections;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string a, b;
    fields >> a >> b;
    if (a == ":") sections.push_back({b, {}});
    else if (!sections.empty() && !b.empty()) sections.back().pairs.emplace_back(a, b);
  }
  return sections;
}

EmbeddingSet vectorsFor(const std::set<std::string>& words) {
  EmbeddingSet set(std::vector<std::string>(words.begin(), words.end()), 8);
  // Distinct, non-zero rows (the answers do not matter here, only that every word is known).
  int64_t r = 0;
  for (; r < set.rows(); ++r)
    for (int d = 0; d < 8; ++d) set.row(r)[d] = static_cast<float>(((r + 1) * (d + 3)) % 17) - 8.0f + 0.5f;
  return set;
}

}  // namespace

class TestBuiltinSets : public QObject {
  Q_OBJECT

 private slots:
  void analogiesParseAndFollowTheCombinationRule() {
    const AnalogyBenchmark bench = AnalogyBenchmark::load(evalDir() + "/analogies-small.txt");
    const std::vector<PairSection> pairs = readPairs(evalDir() + "/analogy-pairs.txt");
    QCOMPARE(bench.sectionNames().size(), size_t(8));
    QCOMPARE(pairs.size(), size_t(8));
    QCOMPARE(bench.questions().size(), size_t(564));
    size_t expected = 0;
    size_t q = 0;
    for (size_t s = 0; s < pairs.size(); ++s) {
      QCOMPARE(bench.sectionNames()[s], pairs[s].name);
      const auto& p = pairs[s].pairs;
      QVERIFY2(p.size() >= 8 && p.size() <= 10, pairs[s].name.c_str());
      expected += p.size() * (p.size() - 1);
      // Pair i with every other pair j, i outer, in file order.
      for (size_t i = 0; i < p.size(); ++i)
        for (size_t j = 0; j < p.size(); ++j) {
          if (i == j) continue;
          QVERIFY(q < bench.questions().size());
          const AnalogyQuestion& question = bench.questions()[q++];
          QCOMPARE(question.section, int(s));
          QCOMPARE(question.a, p[i].first);
          QCOMPARE(question.b, p[i].second);
          QCOMPARE(question.c, p[j].first);
          QCOMPARE(question.d, p[j].second);
        }
    }
    QCOMPARE(q, bench.questions().size());
    QCOMPARE(expected, size_t(564));
  }

  void similarityParsesWithSaneScores() {
    const SimilarityBenchmark bench = SimilarityBenchmark::load(evalDir() + "/similarity-small.txt");
    QCOMPARE(bench.pairs().size(), size_t(149));
    std::set<std::pair<std::string, std::string>> seen;
    int high = 0, low = 0;
    for (const WordPair& p : bench.pairs()) {
      QVERIFY(p.score >= 0 && p.score <= 10);
      QVERIFY2(p.w1 != p.w2, p.w1.c_str());
      const auto key = p.w1 < p.w2 ? std::make_pair(p.w1, p.w2) : std::make_pair(p.w2, p.w1);
      QVERIFY2(seen.insert(key).second, (p.w1 + " " + p.w2 + ": listed twice").c_str());
      high += p.score >= 8.5;
      low += p.score <= 1.5;
    }
    // The scale is used across its range: synonyms and unrelated pairs both well represented.
    QVERIFY(high >= 20);
    QVERIFY(low >= 20);
  }

  void bothRunOnVectorsHoldingTheirWords() {
    const AnalogyBenchmark analogies = AnalogyBenchmark::load(evalDir() + "/analogies-small.txt");
    const SimilarityBenchmark similarity = SimilarityBenchmark::load(evalDir() + "/similarity-small.txt");
    std::set<std::string> words;
    for (const auto& q : analogies.questions()) words.insert({q.a, q.b, q.c, q.d});
    for (const auto& p : similarity.pairs()) words.insert({p.w1, p.w2});
    const EmbeddingSet set = vectorsFor(words);
    AnalogyBenchmark::Options o;
    o.restrictVocab = 0;
    const auto a = analogies.evaluate(set, o);
    QCOMPARE(a.oov, int64_t(0));
    QCOMPARE(a.total, int64_t(564));
    QCOMPARE(a.sections.size(), size_t(8));
    const auto s = similarity.evaluate(set);
    QCOMPARE(s.oov, int64_t(0));
    QCOMPARE(s.pairs, int64_t(149));
    QVERIFY(std::isfinite(s.spearman));
  }

  // Extra: only when the build has made the default corpus (it is made from WordNet at build time).
  void everyWordIsFrequentInTheDefaultCorpus() {
    if (!std::filesystem::exists(test::defaultCorpus())) {
      qInfo("default corpus not built (%s): frequency check not run", test::defaultCorpus().c_str());
      return;
    }
    const AnalogyBenchmark analogies = AnalogyBenchmark::load(evalDir() + "/analogies-small.txt");
    const SimilarityBenchmark similarity = SimilarityBenchmark::load(evalDir() + "/similarity-small.txt");
    std::unordered_map<std::string, int64_t> counts;
    std::map<std::string, int64_t> minimum;  // word -> required count (ordered: stable messages)
    for (const auto& q : analogies.questions())
      for (const std::string* w : {&q.a, &q.b, &q.c, &q.d}) minimum[*w] = 5, counts[*w] = 0;
    for (const auto& p : similarity.pairs())
      for (const std::string* w : {&p.w1, &p.w2}) minimum[*w] = std::max<int64_t>(minimum[*w], 10), counts[*w] = 0;
    const Tokenizer tokenizer;  // lowercases, as Word2Vec's vocabulary does
    std::ifstream in(test::defaultCorpus());
    std::string line;
    std::vector<std::string> tokens;
    while (std::getline(in, line)) {
      tokens.clear();
      tokenizer.tokenize(line, tokens);
      for (const std::string& t : tokens)
        if (auto it = counts.find(t); it != counts.end()) ++it->second;
    }
    for (const auto& [word, need] : minimum)
      QVERIFY2(counts[word] >= need,
               (word + ": " + std::to_string(counts[word]) + " times in the default corpus, need " + std::to_string(need)).c_str());
  }
};

QTEST_APPLESS_MAIN(TestBuiltinSets)
#include "test_builtin_sets.moc"
