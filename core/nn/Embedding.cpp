#include "core/nn/Embedding.h"

#include <cstring>
#include <string>

#include "core/util/Error.h"

namespace embedlab::nn {

void embeddingForward(float* out, const int32_t* ids, const float* table, int64_t N, int V, int C) {
  // ids: (N)  table: (V,C)  ->  out: (N,C)
  for (int64_t n = 0; n < N; ++n) {
    const int32_t id = ids[n];
    if (id < 0 || id >= V)
      throw Error("embedding: id " + std::to_string(id) + " at position " + std::to_string(n) +
                  " is outside the table of " + std::to_string(V) + " rows");
    std::memcpy(out + n * C, table + static_cast<int64_t>(id) * C, sizeof(float) * C);
  }
}

void embeddingBackward(float* dtable, const float* dout, const int32_t* ids, int64_t N, int V,
                       int C) {
  // dout: (N,C)  ->  dtable: (V,C).  Serial: repeated ids would race, and the order stays fixed.
  for (int64_t n = 0; n < N; ++n) {
    const int32_t id = ids[n];
    if (id < 0 || id >= V) continue;  // forward already refused it
    float* row = dtable + static_cast<int64_t>(id) * C;
    const float* d = dout + n * C;
    for (int c = 0; c < C; ++c) row[c] += d[c];
  }
}

}  // namespace embedlab::nn
