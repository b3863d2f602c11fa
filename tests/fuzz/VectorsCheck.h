#pragma once
// What every loaded set of word vectors must satisfy, and that it can be saved and read back
// (a file the program can read, it can also write in each format and read again).
#include <cmath>
#include <cstdio>
#include <string>

#include "core/embeddings/EmbeddingSet.h"
#include "core/io/WordVectors.h"
#include "core/text/Utf8.h"
#include "tests/fuzz/FuzzSupport.h"

namespace embedlab::fuzz {

inline void checkVectors(const EmbeddingSet& set) {
  EMBEDLAB_FUZZ_CHECK(set.dim() > 0);
  for (int64_t r = 0; r < set.rows(); ++r) {
    // The documented policy: labels are valid UTF-8 and non-empty, values finite.
    EMBEDLAB_FUZZ_CHECK(!set.label(r).empty());
    EMBEDLAB_FUZZ_CHECK(utf8::isValid(set.label(r)));
    EMBEDLAB_FUZZ_CHECK(set.find(set.label(r)) == r);  // duplicates were dropped
    const float* v = set.row(r);
    for (int d = 0; d < set.dim(); ++d) EMBEDLAB_FUZZ_CHECK(std::isfinite(v[d]));
  }
}

// Saves in `format` and loads it back: the same number of rows and the same dimension.
inline void checkRoundTrip(const EmbeddingSet& set, VectorFormat format, const char* name) {
  if (set.rows() == 0) return;
  const std::string path = scratchDir() + "/" + name;
  WordVectorsLoadOptions options;
  options.format = format;
  options.threads = 1;
  EmbeddingSet back;
  bool ok = true;
  try {  // an Error here is a finding: say which, so that CI's log explains the failure
    saveWordVectors(set, path, format);
    back = loadWordVectors(path, options);
  } catch (const embedlab::Error& e) {
    std::fprintf(stderr, "embedlab fuzz: save + load of a loaded set failed: %s\n", e.what());
    ok = false;
  }
  EMBEDLAB_FUZZ_CHECK(ok);
  EMBEDLAB_FUZZ_CHECK(back.dim() == set.dim());
  EMBEDLAB_FUZZ_CHECK(back.rows() <= set.rows());  // labels made safe ("a b" -> "a_b") may merge
}

}  // namespace embedlab::fuzz
