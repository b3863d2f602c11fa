#include "core/eval/TfIdfVectorizer.h"

#include <algorithm>
#include <cmath>

#include "core/util/Error.h"

namespace embedlab {
namespace {

// Byte length of the UTF-8 character starting with `lead` (input is valid UTF-8).
size_t charBytes(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  return 4;
}

}  // namespace

std::vector<std::string> TfIdfVectorizer::terms(const std::string& text) const {
  const Tokenizer tokenizer(options_.tokenizer);
  std::vector<std::string> tokens;
  tokenizer.tokenize(text, tokens);
  std::vector<std::string> out;
  for (int n = 1; n <= options_.wordNgrams; ++n) {
    for (size_t i = 0; i + n <= tokens.size(); ++i) {
      std::string gram = tokens[i];
      for (int k = 1; k < n; ++k) gram += ' ' + tokens[i + k];
      out.push_back(std::move(gram));
    }
  }
  if (options_.charMin > 0) {
    std::vector<size_t> starts;  // byte offset of each character of the padded word, then its end
    for (const std::string& token : tokens) {
      const std::string padded = " " + token + " ";
      starts.clear();
      for (size_t b = 0; b < padded.size(); b += charBytes(static_cast<unsigned char>(padded[b]))) starts.push_back(b);
      const size_t chars = starts.size();
      starts.push_back(padded.size());
      for (int n = options_.charMin; n <= options_.charMax; ++n) {
        // As sklearn's char_wb: a word shorter than n gives itself once, padded.
        if (chars < static_cast<size_t>(n)) {
          out.push_back("#" + padded);
          break;
        }
        // '#' marks character grams apart from word grams ("#" cannot start a word gram's token
        // as the tokenizer splits punctuation off).
        for (size_t i = 0; i + n <= chars; ++i) {
          std::string gram(1, '#');
          gram.append(padded, starts[i], starts[i + n] - starts[i]);
          out.push_back(std::move(gram));
        }
      }
    }
  }
  return out;
}

FeatureMatrix TfIdfVectorizer::fitTransform(const std::vector<std::string>& texts) {
  if (options_.wordNgrams < 0 || options_.charMin < 0 || options_.charMax < options_.charMin || options_.minDf < 1)
    throw UsageError("TF-IDF: bad options (word n-grams >= 0, 0 <= char min <= char max, min df >= 1)");
  if (options_.wordNgrams == 0 && options_.charMin == 0) throw UsageError("TF-IDF: neither word nor character n-grams");
  // Each text's distinct terms (in parallel: tokenizing dominates), then df in text order.
  std::vector<std::vector<std::string>> distinct(texts.size());
#pragma omp parallel for schedule(dynamic, 16)
  for (int64_t i = 0; i < static_cast<int64_t>(texts.size()); ++i) {
    std::vector<std::string> t = terms(texts[i]);
    std::sort(t.begin(), t.end());
    t.erase(std::unique(t.begin(), t.end()), t.end());
    distinct[i] = std::move(t);
  }
  std::unordered_map<std::string, int64_t> df;
  for (auto& t : distinct) {
    for (std::string& term : t) ++df[std::move(term)];
    std::vector<std::string>().swap(t);
  }
  std::vector<std::pair<std::string, int64_t>> kept;
  for (auto& [term, count] : df)
    if (count >= options_.minDf) kept.emplace_back(term, count);
  df.clear();
  std::sort(kept.begin(), kept.end());  // columns in term order, whatever the hash order was
  if (options_.maxFeatures > 0 && static_cast<int64_t>(kept.size()) > options_.maxFeatures) {
    std::stable_sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    kept.resize(options_.maxFeatures);
    std::sort(kept.begin(), kept.end());
  }
  const double n = static_cast<double>(texts.size());
  terms_.clear();
  idf_.clear();
  columns_.clear();
  for (const auto& [term, count] : kept) {
    const double d = static_cast<double>(count);
    const double idf = options_.smoothIdf ? std::log((1.0 + n) / (1.0 + d)) + 1.0 : std::log(n / d) + 1.0;
    columns_.emplace(term, static_cast<int32_t>(terms_.size()));
    terms_.push_back(term);
    idf_.push_back(static_cast<float>(idf));
  }
  return transform(texts);
}

int64_t TfIdfVectorizer::column(const std::string& term) const {
  auto it = columns_.find(term);
  return it == columns_.end() ? -1 : it->second;
}

FeatureMatrix TfIdfVectorizer::transform(const std::vector<std::string>& texts) const {
  FeatureMatrix m;
  m.rows = static_cast<int64_t>(texts.size());
  m.cols = features();
  m.indptr.assign(m.rows + 1, 0);
  std::vector<std::vector<std::pair<int32_t, float>>> rows(texts.size());
  // Documents are independent: each thread fills its own rows.
#pragma omp parallel for schedule(dynamic, 16)
  for (int64_t r = 0; r < m.rows; ++r) {
    std::vector<int32_t> cols;
    for (const std::string& term : terms(texts[r])) {
      auto it = columns_.find(term);
      if (it != columns_.end()) cols.push_back(it->second);
    }
    std::sort(cols.begin(), cols.end());
    auto& row = rows[r];
    double norm2 = 0;
    for (size_t i = 0; i < cols.size();) {
      size_t j = i;
      while (j < cols.size() && cols[j] == cols[i]) ++j;
      const double count = static_cast<double>(j - i);
      const double tf = options_.sublinearTf ? 1.0 + std::log(count) : count;
      const double v = tf * idf_[cols[i]];
      norm2 += v * v;
      row.emplace_back(cols[i], static_cast<float>(v));
      i = j;
    }
    if (norm2 > 0) {
      const double inv = 1.0 / std::sqrt(norm2);
      for (auto& e : row) e.second = static_cast<float>(e.second * inv);
    }
  }
  for (int64_t r = 0; r < m.rows; ++r) m.indptr[r + 1] = m.indptr[r] + static_cast<int64_t>(rows[r].size());
  m.indices.resize(m.indptr.back());
  m.values.resize(m.indptr.back());
  for (int64_t r = 0; r < m.rows; ++r) {
    int64_t k = m.indptr[r];
    for (const auto& [c, v] : rows[r]) {
      m.indices[k] = c;
      m.values[k++] = v;
    }
  }
  return m;
}

}  // namespace embedlab
