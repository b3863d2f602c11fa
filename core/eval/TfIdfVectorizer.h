#pragma once
// TF-IDF features of texts, as scikit-learn's TfidfVectorizer computes them:
//   terms: word n-grams (n in [1, wordNgrams]) of our Tokenizer's tokens, joined by a space, and
//          optionally character n-grams (n in [charMin, charMax]) inside each token padded with a
//          space on both sides (sklearn's analyzer="char_wb");
//   tf:    raw count in the document, or 1 + ln(count) with sublinearTf;
//   idf:   ln((1 + N) / (1 + df)) + 1 with smoothIdf (N documents, df documents holding the term),
//          else ln(N / df) + 1;
//   row:   tf * idf, then divided by its L2 norm (a row without any term stays zero).
// The vocabulary is fitted on the training texts only: terms with df >= minDf, and when
// maxFeatures > 0 only the maxFeatures with the highest df (ties broken by the term, so the choice
// is the same on every run); columns are the kept terms in sorted order.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/eval/ClassifFeatures.h"
#include "core/text/Tokenizer.h"

namespace embedlab {

class TfIdfVectorizer {
 public:
  struct Options {
    int wordNgrams = 2;      // word n-grams 1..wordNgrams (0: none)
    int charMin = 0;         // character n-grams charMin..charMax inside word boundaries (0: none)
    int charMax = 0;
    int minDf = 1;           // keep terms seen in at least this many training documents
    int64_t maxFeatures = 0; // > 0: keep only the terms with the highest df
    bool sublinearTf = true;
    bool smoothIdf = true;
    Tokenizer::Options tokenizer;
  };

  TfIdfVectorizer() = default;
  explicit TfIdfVectorizer(const Options& options) : options_(options) {}

  // Learns the vocabulary and idf from `texts`, returns their features.
  FeatureMatrix fitTransform(const std::vector<std::string>& texts);
  // Features of other texts with the fitted vocabulary (unknown terms are ignored).
  FeatureMatrix transform(const std::vector<std::string>& texts) const;

  int64_t features() const { return static_cast<int64_t>(terms_.size()); }
  const std::vector<std::string>& terms() const { return terms_; }  // column order
  const std::vector<float>& idf() const { return idf_; }
  // Column of a term, or -1.
  int64_t column(const std::string& term) const;
  const Options& options() const { return options_; }

  // The terms of one text (with repeats), as fitted: exposed for tests and the weighted means.
  std::vector<std::string> terms(const std::string& text) const;

 private:
  Options options_;
  std::vector<std::string> terms_;
  std::vector<float> idf_;
  std::unordered_map<std::string, int32_t> columns_;
};

}  // namespace embedlab
