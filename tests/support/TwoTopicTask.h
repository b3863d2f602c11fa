#pragma once
// A generated classification task with two clearly separated topics, "sea" and "land": every
// sentence alternates content words of one topic with function words shared by both, so TF-IDF
// separates the labels and word vectors trained on the unlabelled corpus put each topic's words
// together. Deterministic for a seed. Used by the classify/report suites of the CLI, the compare
// runner and the Evaluate page.
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "support/TextFile.h"

namespace embedlab::test {

struct TwoTopicTaskOptions {
  uint64_t seed = 5;
  int corpusLines = 3000;  // unlabelled sentences, for training word vectors
  int trainLines = 120;    // label<TAB>text, labels alternating land, sea, ...
  int testLines = 60;
  int contextLines = 0;  // more unlabelled sentences, drawn after the test set (0: none)
};

// The texts, each a run of '\n'-terminated lines. They are drawn from one generator in the order
// corpus, train, test, context, so adding context lines leaves the other three unchanged.
struct TwoTopicTexts {
  std::string corpus, train, test, context;
};

// Similarity pairs over the task's words (word word score per line): within a topic high,
// across topics low.
inline constexpr const char* kTwoTopicPairs = "ship boat 9\nship wheat 1\nfarm barn 8\nwave soil 1\n";

namespace detail {

inline const std::vector<std::string>& seaWords() {
  static const std::vector<std::string> w = {"ship", "sail", "wave", "harbour", "anchor", "tide", "boat", "crew"};
  return w;
}
inline const std::vector<std::string>& landWords() {
  static const std::vector<std::string> w = {"farm", "field", "wheat", "plough", "barn", "tractor", "harvest", "soil"};
  return w;
}
inline const std::vector<std::string>& fillerWords() {
  static const std::vector<std::string> w = {"the", "a", "of", "and", "was", "near", "with", "old"};
  return w;
}

// Eight words: topic, filler, topic, filler, ... (std::mt19937, not _64: the suites' expected
// numbers were measured on these exact texts).
inline std::string twoTopicSentence(bool sea, std::mt19937& rng) {
  const std::vector<std::string>& topic = sea ? seaWords() : landWords();
  const std::vector<std::string>& filler = fillerWords();
  std::uniform_int_distribution<size_t> t(0, topic.size() - 1), f(0, filler.size() - 1);
  std::string s;
  for (int i = 0; i < 8; ++i) {
    if (!s.empty()) s += ' ';
    s += (i % 2 == 0) ? topic[t(rng)] : filler[f(rng)];
  }
  return s;
}

}  // namespace detail

inline TwoTopicTexts makeTwoTopicTexts(const TwoTopicTaskOptions& o = {}) {
  std::mt19937 rng(static_cast<std::mt19937::result_type>(o.seed));
  TwoTopicTexts t;
  // Line i is about the sea when i is odd, the land when even (labels balanced for even counts).
  for (int i = 0; i < o.corpusLines; ++i) t.corpus += detail::twoTopicSentence(i % 2, rng) + "\n";
  for (int i = 0; i < o.trainLines; ++i)
    t.train += std::string(i % 2 ? "sea\t" : "land\t") + detail::twoTopicSentence(i % 2, rng) + "\n";
  for (int i = 0; i < o.testLines; ++i)
    t.test += std::string(i % 2 ? "sea\t" : "land\t") + detail::twoTopicSentence(i % 2, rng) + "\n";
  for (int i = 0; i < o.contextLines; ++i) t.context += detail::twoTopicSentence(i % 2, rng) + "\n";
  return t;
}

// Writes root/corpus.txt, the task folder root/topics/ with train.tsv and test.tsv, and
// root/context.txt when contextLines > 0. Returns the task folder, or an empty path when
// something could not be written.
inline std::filesystem::path writeTwoTopicTask(const std::filesystem::path& root, const TwoTopicTaskOptions& o = {}) {
  const TwoTopicTexts t = makeTwoTopicTexts(o);
  const std::filesystem::path task = root / "topics";
  std::error_code ec;
  std::filesystem::create_directories(task, ec);
  if (ec) return {};
  bool ok = writeTextFile(root / "corpus.txt", t.corpus) && writeTextFile(task / "train.tsv", t.train) &&
            writeTextFile(task / "test.tsv", t.test);
  if (o.contextLines > 0) ok = ok && writeTextFile(root / "context.txt", t.context);
  return ok ? task : std::filesystem::path();
}

}  // namespace embedlab::test
