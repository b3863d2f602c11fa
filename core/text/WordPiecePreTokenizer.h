#pragma once
// BERT's basic tokenization: what happens to text before WordPiece, as Hugging Face's
// BertNormalizer + BertPreTokenizer do it, in this order:
//   1. cleaning: NUL, U+FFFD and control/format/unassigned characters (C*) are dropped; \t \n \r
//      and the other whitespace characters become word boundaries;
//   2. every CJK ideograph becomes a word of its own;
//   3. accent stripping: NFD, then nonspacing marks (Mn) dropped;
//   4. lowercasing, character by character (no final-sigma context, as Rust's to_lowercase);
//   5. split at whitespace, and every punctuation character a word of its own.
// Every normalised character remembers the character of the input it came from, so that a
// token's offsets point into the original text (in code points, as Python's str indices).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace embedlab {

class WordPiecePreTokenizer {
 public:
  struct Options {
    bool cleanText = true;     // step 1 (without it only whitespace splits, nothing is dropped)
    bool splitCjk = true;      // step 2 (tokenize_chinese_chars)
    bool stripAccents = true;  // step 3
    bool lowercase = true;     // step 4 (do_lower_case)
  };

  struct Word {
    uint32_t byteBegin, byteEnd;  // the normalised word: Words::text[byteBegin, byteEnd)
    uint32_t charBegin, charEnd;  // its characters: indices into Words::charByte / source
  };
  // The words of a text, normalised, back to back.
  struct Words {
    std::string text;               // UTF-8 of all words, without separators
    std::vector<uint32_t> charByte; // per normalised character: its first byte in `text`
    std::vector<int64_t> source;    // per normalised character: the input character it came
                                    //   from (code point index, plus the `base` given to run())
    std::vector<Word> words;
    void clear() {
      text.clear();
      charByte.clear();
      source.clear();
      words.clear();
    }
    std::string_view word(size_t i) const {
      return std::string_view(text).substr(words[i].byteBegin, words[i].byteEnd - words[i].byteBegin);
    }
  };

  WordPiecePreTokenizer() = default;
  explicit WordPiecePreTokenizer(const Options& options) : options_(options) {}

  // Appends the words of `text` to `out` (does not clear it). Invalid UTF-8 decodes to U+FFFD,
  // which cleaning drops; it still counts as one character for the offsets that follow.
  void run(std::string_view text, int64_t base, Words& out) const;

  // The words only, as views into `out.text` (for counting): clears `out` and `views`.
  void words(std::string_view text, Words& out, std::vector<std::string_view>& views) const;

  const Options& options() const { return options_; }

 private:
  Options options_;
};

}  // namespace embedlab
