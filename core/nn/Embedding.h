#pragma once
// Table lookup: row ids[n] of the table becomes row n of the output.
#include <cstdint>

namespace embedlab::nn {

// ids: (N) in [0,V)  table: (V,C)  ->  out: (N,C).  Throws Error for an id outside [0,V).
void embeddingForward(float* out, const int32_t* ids, const float* table, int64_t N, int V, int C);

// dtable[ids[n]] += dout[n]   (scatter-add: a repeated id collects every occurrence)
void embeddingBackward(float* dtable, const float* dout, const int32_t* ids, int64_t N, int V,
                       int C);

}  // namespace embedlab::nn
