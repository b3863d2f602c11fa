#pragma once
// Splits a line of UTF-8 text into word tokens.
// Default mode: Unicode-aware lowercasing (Latin incl. accented letters, Greek, Cyrillic,
// full-width forms folded to ASCII), punctuation split off as single tokens, numbers kept
// (digits with internal . or , stay one token: 3.14, 1,000), apostrophes and hyphens inside a
// word kept (don't, well-known), each CJK ideograph its own token (as BERT does).
// Pre-tokenized mode: split on whitespace only, text untouched (for corpora segmented elsewhere).
#include <string>
#include <string_view>
#include <vector>

namespace embedlab {

class Tokenizer {
 public:
  struct Options {
    bool preTokenized = false;
    bool lowercase = true;          // only in the default mode
    bool keepPunctuation = true;    // false: punctuation is dropped instead of split off
  };

  Tokenizer() = default;
  explicit Tokenizer(const Options& options) : options_(options) {}

  // Appends the tokens of `line` to `out` (does not clear it). `line` must be valid UTF-8.
  void tokenize(std::string_view line, std::vector<std::string>& out) const;

  // Faster form for hot loops: tokens are written into `buffer` (cleared first) and `out` gets
  // views into it. The views stay valid until the next call with the same buffer.
  void tokenize(std::string_view line, std::string& buffer, std::vector<std::string_view>& out) const;

  const Options& options() const { return options_; }

 private:
  Options options_;
};

}  // namespace embedlab
