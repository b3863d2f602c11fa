// Vocabulary::load on the input as a "word count" file. A vocabulary that loads must index every
// word at its id, keep the canonical order, and survive save + load unchanged.
#include <cstdint>
#include <string>

#include "core/text/Utf8.h"
#include "core/text/Vocabulary.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace embedlab;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = fuzz::writeFile("vocab.txt", fuzz::asView(data, size));
  Vocabulary v;
  if (!fuzz::onlyErrors("Vocabulary::load", [&] { v = Vocabulary::load(path); })) return 0;
  EMBEDLAB_FUZZ_CHECK(v.size() > 0);
  int64_t total = 0;
  for (int64_t i = 0; i < v.size(); ++i) {
    EMBEDLAB_FUZZ_CHECK(v.id(v.word(i)) == i);
    EMBEDLAB_FUZZ_CHECK(utf8::isValid(v.word(i)));
    EMBEDLAB_FUZZ_CHECK(v.count(i) >= 0);
    if (i > 0)
      EMBEDLAB_FUZZ_CHECK(v.count(i - 1) > v.count(i) || (v.count(i - 1) == v.count(i) && v.word(i - 1) < v.word(i)));
    total += v.count(i);
  }
  EMBEDLAB_FUZZ_CHECK(total == v.totalCount());
  v.keepProbabilities(1e-3);
  NoiseSampler sampler(v.counts());
  for (uint64_t r : {uint64_t{0}, ~uint64_t{0}, uint64_t{0x9E3779B97F4A7C15ull}}) {
    const int64_t id = sampler.sample(r);
    EMBEDLAB_FUZZ_CHECK(id >= 0 && id < v.size());
  }

  const std::string copy = fuzz::scratchDir() + "/copy.txt";
  Vocabulary back;
  EMBEDLAB_FUZZ_CHECK(fuzz::onlyErrors("Vocabulary save + load", [&] {
    v.save(copy);
    back = Vocabulary::load(copy);
  }));
  EMBEDLAB_FUZZ_CHECK(back.words() == v.words() && back.counts() == v.counts());
  return 0;
}
