#pragma once
// Word -> id for the training loop, which looks up every corpus token of every epoch. Words of
// up to 24 bytes live inside their 32-byte slot (zero-padded), so a lookup is one hash of three
// 64-bit words and one slot compare, without following a pointer to the word's string; longer
// words (rare) fall back to Vocabulary::id. Ids are the vocabulary's.
#include <cstdint>
#include <string_view>
#include <vector>

namespace embedlab {

class Vocabulary;

class WordIndex {
 public:
  explicit WordIndex(const Vocabulary& vocab);

  int64_t id(std::string_view word) const;

 private:
  static constexpr size_t kInline = 24;
  struct Slot {
    uint64_t key[3];  // the word's bytes, zero-padded
    int32_t length;   // -1: empty slot
    int32_t id;
  };
  static uint64_t hash(const uint64_t* key, size_t length);

  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  const Vocabulary* vocab_ = nullptr;
};

}  // namespace embedlab
