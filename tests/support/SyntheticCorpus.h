#pragma once
// A small generated corpus with planted structure for the Word2Vec suites: two topics of words
// "red0".."redN-1" and "blue0".."blueN-1"; a line draws its content words from one topic only, so
// words of a topic share contexts and words of different topics never co-occur. Optionally a
// quarter of the words are function words ("the", "of", "and", "a") shared by both topics.
// Deterministic for a seed (std::mt19937_64; the draws per line are: topic, length, then per
// word [function-word coin, function word or] topic word).
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>

#include "support/TextFile.h"

namespace embedlab::test {

struct SyntheticCorpusOptions {
  int sentences = 2000;
  uint64_t seed = 1;
  int minWords = 6;  // words per line, both bounds inclusive
  int maxWords = 11;
  int wordsPerTopic = 12;
  bool functionWords = true;  // one word in four (on average) is a shared function word
};

inline std::string syntheticCorpusText(const SyntheticCorpusOptions& o) {
  static const char* const shared[] = {"the", "of", "and", "a"};
  std::mt19937_64 gen(o.seed);
  const uint64_t lengths = static_cast<uint64_t>(o.maxWords - o.minWords + 1);
  const uint64_t words = static_cast<uint64_t>(o.wordsPerTopic);
  std::string text;
  for (int s = 0; s < o.sentences; ++s) {
    const int topic = static_cast<int>(gen() % 2);
    const int len = o.minWords + static_cast<int>(gen() % lengths);
    for (int i = 0; i < len; ++i) {
      if (i) text += ' ';
      if (o.functionWords && gen() % 4 == 0) {
        text += shared[gen() % 4];
      } else {
        text += topic == 0 ? "red" : "blue";
        text += std::to_string(gen() % words);
      }
    }
    text += '\n';
  }
  return text;
}

// Writes the corpus to `path` and returns the path as a string (what Word2VecOptions takes), or an
// empty string when the file could not be written.
inline std::string writeSyntheticCorpus(const std::filesystem::path& path, const SyntheticCorpusOptions& o) {
  return writeTextFile(path, syntheticCorpusText(o)) ? path.string() : std::string();
}

}  // namespace embedlab::test
