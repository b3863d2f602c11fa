#include "core/eval/ClassifFeatures.h"

#include <cmath>

#include "core/eval/TfIdfVectorizer.h"

namespace embedlab {

FeatureMatrix FeatureMatrix::makeDense(int64_t rows, int64_t cols) {
  FeatureMatrix m;
  m.rows = rows;
  m.cols = cols;
  m.dense = true;
  m.values.assign(rows * cols, 0.0f);
  return m;
}

FeatureMatrix FeatureMatrix::selectRows(const std::vector<int64_t>& rowIds) const {
  FeatureMatrix m;
  m.rows = static_cast<int64_t>(rowIds.size());
  m.cols = cols;
  m.dense = dense;
  if (dense) {
    m.values.resize(m.rows * cols);
    for (int64_t i = 0; i < m.rows; ++i)
      std::copy(values.begin() + rowIds[i] * cols, values.begin() + (rowIds[i] + 1) * cols, m.values.begin() + i * cols);
    return m;
  }
  m.indptr.assign(m.rows + 1, 0);
  for (int64_t i = 0; i < m.rows; ++i) m.indptr[i + 1] = m.indptr[i] + indptr[rowIds[i] + 1] - indptr[rowIds[i]];
  m.indices.resize(m.indptr.back());
  m.values.resize(m.indptr.back());
  for (int64_t i = 0; i < m.rows; ++i) {
    std::copy(indices.begin() + indptr[rowIds[i]], indices.begin() + indptr[rowIds[i] + 1], m.indices.begin() + m.indptr[i]);
    std::copy(values.begin() + indptr[rowIds[i]], values.begin() + indptr[rowIds[i] + 1], m.values.begin() + m.indptr[i]);
  }
  return m;
}

FeatureMatrix FeatureMatrix::transposed() const {
  FeatureMatrix t;
  t.rows = cols;
  t.cols = rows;
  t.dense = dense;
  if (dense) {
    t.values.resize(values.size());
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c) t.values[c * rows + r] = values[r * cols + c];
    return t;
  }
  // Counting sort by column: rows come out ascending within each column.
  t.indptr.assign(cols + 1, 0);
  for (int32_t c : indices) ++t.indptr[c + 1];
  for (int64_t c = 0; c < cols; ++c) t.indptr[c + 1] += t.indptr[c];
  t.indices.resize(indices.size());
  t.values.resize(values.size());
  std::vector<int64_t> next(t.indptr.begin(), t.indptr.end() - 1);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t k = indptr[r]; k < indptr[r + 1]; ++k) {
      const int64_t dst = next[indices[k]]++;
      t.indices[dst] = static_cast<int32_t>(r);
      t.values[dst] = values[k];
    }
  return t;
}

FeatureMatrix meanVectorFeatures(const std::vector<std::string>& texts, const EmbeddingSet& vectors,
                                 const Tokenizer& tokenizer, const TfIdfVectorizer* weights, int64_t* found,
                                 int64_t* total) {
  const int dim = vectors.dim();
  FeatureMatrix m = FeatureMatrix::makeDense(static_cast<int64_t>(texts.size()), dim);
  int64_t foundTokens = 0, allTokens = 0;
#pragma omp parallel for schedule(dynamic, 16) reduction(+ : foundTokens, allTokens)
  for (int64_t r = 0; r < m.rows; ++r) {
    std::vector<std::string> tokens;
    tokenizer.tokenize(texts[r], tokens);
    std::vector<double> sum(dim, 0.0);  // double accumulator: long e-mails have thousands of tokens
    for (const std::string& token : tokens) {
      ++allTokens;
      const int64_t row = vectors.find(token);
      if (row < 0) continue;
      ++foundTokens;
      double w = 1.0;
      // TF-IDF weighting: each occurrence weighs its idf, so a word's total weight is count*idf
      // (rare words count more, as in the usual weighted mean).
      if (weights) {
        const int64_t col = weights->column(token);
        w = col >= 0 ? weights->idf()[col] : 0.0;
      }
      const float* v = vectors.row(row);
      for (int d = 0; d < dim; ++d) sum[d] += w * v[d];
    }
    double norm2 = 0;
    for (int d = 0; d < dim; ++d) norm2 += sum[d] * sum[d];
    const double inv = norm2 > 0 ? 1.0 / std::sqrt(norm2) : 0.0;  // the mean's scale goes away here
    float* out = m.values.data() + r * dim;
    for (int d = 0; d < dim; ++d) out[d] = static_cast<float>(sum[d] * inv);
  }
  if (found) *found = foundTokens;
  if (total) *total = allTokens;
  return m;
}

}  // namespace embedlab
