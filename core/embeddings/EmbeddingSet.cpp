#include "core/embeddings/EmbeddingSet.h"

#include <algorithm>
#include <cstring>

#include "core/util/Error.h"

namespace embedlab {

EmbeddingSet::EmbeddingSet(std::vector<std::string> labels, int dim) : labels_(std::move(labels)), dim_(dim) {
  if (dim < 0) throw Error("EmbeddingSet: negative dimension " + std::to_string(dim));
  matrix_.assign(labels_.size() * static_cast<size_t>(dim_), 0.0f);
  // Built now rather than on the first find(), so that a set shared between threads is only read.
  rebuildIndex();
}

int64_t EmbeddingSet::find(std::string_view label) const {
  if (!indexValid_) rebuildIndex();
  auto it = index_.find(label);
  return it == index_.end() ? -1 : it->second;
}

void EmbeddingSet::rebuildIndex() const {
  index_.clear();
  index_.reserve(labels_.size());
  // try_emplace keeps the first row of a repeated label, as find() promises.
  for (size_t r = 0; r < labels_.size(); ++r) index_.try_emplace(labels_[r], static_cast<int64_t>(r));
  indexValid_ = true;
}

int64_t EmbeddingSet::addRow(std::string label, const float* vec, int64_t count) {
  const int64_t r = rows();
  const size_t offset = matrix_.size();
  matrix_.resize(offset + static_cast<size_t>(dim_), 0.0f);
  if (vec && dim_ > 0) std::memcpy(matrix_.data() + offset, vec, sizeof(float) * static_cast<size_t>(dim_));
  if (count != 0 || !counts_.empty()) {
    counts_.resize(static_cast<size_t>(r), 0);
    counts_.push_back(count);
  }
  if (!meta_.empty()) meta_.resize(static_cast<size_t>(r) + 1);
  if (indexValid_) index_.try_emplace(label, r);
  labels_.push_back(std::move(label));
  return r;
}

void EmbeddingSet::reserve(int64_t rows) {
  if (rows <= 0) return;
  labels_.reserve(static_cast<size_t>(rows));
  matrix_.reserve(static_cast<size_t>(rows) * static_cast<size_t>(dim_));
  if (indexValid_) index_.reserve(static_cast<size_t>(rows));
}

}  // namespace embedlab
