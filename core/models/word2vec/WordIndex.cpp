#include "core/models/word2vec/WordIndex.h"

#include <cstring>

#include "core/text/Vocabulary.h"

namespace embedlab {

uint64_t WordIndex::hash(const uint64_t* key, size_t length) {
  uint64_t h = (key[0] * 0x9e3779b97f4a7c15ULL) ^ (key[1] * 0xc2b2ae3d27d4eb4fULL) ^ (key[2] * 0x165667b19e3779f9ULL) ^ length;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  return h ^ (h >> 32);
}

WordIndex::WordIndex(const Vocabulary& vocab) : vocab_(&vocab) {
  uint64_t size = 16;
  while (size < 2 * static_cast<uint64_t>(vocab.size()) + 1) size <<= 1;  // load factor <= 1/2
  slots_.assign(size, Slot{{0, 0, 0}, -1, -1});
  mask_ = size - 1;
  for (int64_t id = 0; id < vocab.size(); ++id) {
    const std::string& w = vocab.word(id);
    if (w.size() > kInline) continue;  // looked up in the vocabulary itself
    Slot slot{{0, 0, 0}, static_cast<int32_t>(w.size()), static_cast<int32_t>(id)};
    std::memcpy(slot.key, w.data(), w.size());
    uint64_t i = hash(slot.key, w.size()) & mask_;
    while (slots_[i].length >= 0) i = (i + 1) & mask_;
    slots_[i] = slot;
  }
}

int64_t WordIndex::id(std::string_view word) const {
  const size_t n = word.size();
  if (n > kInline) return vocab_->id(word);
  uint64_t key[3] = {0, 0, 0};
  std::memcpy(key, word.data(), n);
  for (uint64_t i = hash(key, n) & mask_;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.length < 0) return -1;
    if (s.length == static_cast<int32_t>(n) && s.key[0] == key[0] && s.key[1] == key[1] && s.key[2] == key[2]) return s.id;
  }
}

}  // namespace embedlab
