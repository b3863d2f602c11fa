#pragma once
// The parameter matrices of Word2Vec and the scratch rows of its threads: rows of floats,
// 64-byte aligned, the stride a multiple of 16 floats (see Kernels.h), zero-initialised.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

#include "core/util/Error.h"

namespace embedlab::w2v {

struct AlignedMatrix {
  float* data = nullptr;
  int64_t rows = 0;
  int stride = 0;
  AlignedMatrix() = default;
  AlignedMatrix(int64_t r, int s) : rows(r), stride(s) {
    const size_t bytes = static_cast<size_t>(std::max<int64_t>(r, 1)) * s * sizeof(float);
    data = static_cast<float*>(std::aligned_alloc(64, (bytes + 63) / 64 * 64));
    if (!data) throw Error("word2vec: out of memory for a " + std::to_string(r) + " x " + std::to_string(s) + " matrix");
    std::memset(data, 0, bytes);
  }
  ~AlignedMatrix() { std::free(data); }
  AlignedMatrix(const AlignedMatrix&) = delete;
  AlignedMatrix& operator=(const AlignedMatrix&) = delete;
  AlignedMatrix(AlignedMatrix&& o) noexcept : data(o.data), rows(o.rows), stride(o.stride) { o.data = nullptr; }
  AlignedMatrix& operator=(AlignedMatrix&& o) noexcept {
    std::swap(data, o.data);
    rows = o.rows;
    stride = o.stride;
    return *this;
  }
  float* row(int64_t r) const { return data + r * stride; }
};

}  // namespace embedlab::w2v
