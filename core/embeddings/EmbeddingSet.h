#pragma once
// Contract 2 of DESIGN.md: what any model produces and every explorer view consumes.
// Labels + a row-major float matrix (rows x dim) + per-row metadata. Static word vectors have
// one row per word (counts filled when known); contextual vectors have one row per token
// occurrence, with the sentence, position and layer in the metadata.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace embedlab {

struct RowMeta {
  std::string sentence;  // the context the row came from (contextual vectors); empty otherwise
  int position = -1;     // token index within the sentence, or -1
  int layer = -1;        // model layer the vector was taken from, or -1
};

class EmbeddingSet {
 public:
  EmbeddingSet() = default;
  // rows = labels.size(); the matrix starts zero-filled.
  EmbeddingSet(std::vector<std::string> labels, int dim);

  int64_t rows() const { return static_cast<int64_t>(labels_.size()); }
  int dim() const { return dim_; }
  bool empty() const { return labels_.empty(); }

  const std::vector<std::string>& labels() const { return labels_; }
  const std::string& label(int64_t row) const { return labels_[row]; }

  float* data() { return matrix_.data(); }
  const float* data() const { return matrix_.data(); }
  float* row(int64_t r) { return matrix_.data() + r * dim_; }
  const float* row(int64_t r) const { return matrix_.data() + r * dim_; }

  // Corpus frequency per row (0 when unknown). Size rows() or empty.
  std::vector<int64_t>& counts() { return counts_; }
  const std::vector<int64_t>& counts() const { return counts_; }

  // Per-row metadata for contextual vectors. Size rows() or empty.
  std::vector<RowMeta>& meta() { return meta_; }
  const std::vector<RowMeta>& meta() const { return meta_; }

  // Row of the first row with this exact label, or -1. Built lazily on first call after a change
  // of labels; call rebuildIndex() after editing labels by hand.
  // (In practice labels only change through the constructor and addRow, and both keep the index
  // built, so find() never writes and may be called from several threads at once.)
  // The index owns copies of the labels (views into labels_ would dangle when labels_ grows).
  int64_t find(std::string_view label) const;
  void rebuildIndex() const;

  // Appends a row (label + dim floats; vec == nullptr appends zeros); returns its index.
  // counts() is kept at size rows() once any count is non-zero, meta() once it is non-empty.
  int64_t addRow(std::string label, const float* vec, int64_t count = 0);

  // Capacity hint for loaders that know how many rows are coming.
  void reserve(int64_t rows);

 private:
  std::vector<std::string> labels_;
  std::vector<float> matrix_;  // rows x dim, row-major
  std::vector<int64_t> counts_;
  std::vector<RowMeta> meta_;
  int dim_ = 0;
  // Transparent hash so that find(string_view) needs no temporary std::string.
  struct LabelHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  mutable std::unordered_map<std::string, int64_t, LabelHash, std::equal_to<>> index_;
  mutable bool indexValid_ = true;  // an empty set has an (empty) valid index
};

}  // namespace embedlab
