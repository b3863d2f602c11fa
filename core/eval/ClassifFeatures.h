#pragma once
// The feature matrix a classifier consumes: rows = examples, cols = features, float32 values,
// stored either sparse (CSR: TF-IDF) or dense (row-major: mean word vectors).
// Also the dense word-vector features (mean of the vectors of a text's tokens).
#include <cstdint>
#include <string>
#include <vector>

#include "core/embeddings/EmbeddingSet.h"
#include "core/text/Tokenizer.h"

namespace embedlab {

class TfIdfVectorizer;

struct FeatureMatrix {
  int64_t rows = 0;
  int64_t cols = 0;
  bool dense = false;
  // Dense: values is rows x cols, row-major. Sparse (CSR): row r holds the entries
  // [indptr[r], indptr[r+1]) of indices (column, ascending) and values.
  std::vector<float> values;
  std::vector<int64_t> indptr;   // rows + 1 (sparse only)
  std::vector<int32_t> indices;  // nnz (sparse only)

  static FeatureMatrix makeDense(int64_t rows, int64_t cols);
  // Rows [begin, end) of `rowIds` in that order (for cross-validation folds).
  FeatureMatrix selectRows(const std::vector<int64_t>& rowIds) const;
  // The transpose in the same storage kind (CSR of the transpose = CSC of this one): what the
  // gradient X^T G needs to run in parallel over features without a reduction.
  FeatureMatrix transposed() const;
  int64_t nnz() const { return dense ? rows * cols : static_cast<int64_t>(values.size()); }
};

// Mean of the word vectors of the tokens of each text that the vectors know (lookup: the token
// as the tokenizer writes it), optionally weighted by the tokens' TF-IDF weights from `weights`
// (a fitted vectorizer with unigrams), then L2-normalised. A text without a known token gets a
// zero row. `found`/`total` (if given) count tokens found / all tokens.
FeatureMatrix meanVectorFeatures(const std::vector<std::string>& texts, const EmbeddingSet& vectors,
                                 const Tokenizer& tokenizer, const TfIdfVectorizer* weights = nullptr,
                                 int64_t* found = nullptr, int64_t* total = nullptr);

}  // namespace embedlab
