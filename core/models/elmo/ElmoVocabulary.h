#pragma once
// The output vocabulary of the biLM's softmax: <s>, </s>, <unk> (ids 0, 1, 2), then the corpus
// words by decreasing count (core/text/Vocabulary's order), at most maxVocab ids in all. The
// frequency order matters: the sampled softmax's log-uniform proposal assumes it.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/text/Vocabulary.h"

namespace embedlab::elmo {

class ElmoVocabulary {
 public:
  static constexpr int32_t kBos = 0, kEos = 1, kUnk = 2;

  ElmoVocabulary();
  // Keeps the most frequent words of `counts` so that the total is at most maxVocab (0: all).
  static ElmoVocabulary fromVocabulary(const Vocabulary& counts, int64_t maxVocab);
  static ElmoVocabulary fromWords(const std::vector<std::string>& words);  // specials added

  int32_t size() const { return static_cast<int32_t>(words_.size()); }
  const std::string& word(int32_t id) const { return words_.at(id); }
  const std::vector<std::string>& words() const { return words_; }
  int32_t id(std::string_view word) const;  // kUnk for unknown words

  // One word a line, in id order (atomic); load() throws Error naming the file.
  void save(const std::string& path) const;
  static ElmoVocabulary load(const std::string& path);

 private:
  void add(const std::string& word);
  std::vector<std::string> words_;
  std::unordered_map<std::string, int32_t> index_;
};

}  // namespace embedlab::elmo
