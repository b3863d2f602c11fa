#pragma once
// BERT's tokenizer, identical to Hugging Face's BertTokenizer (the tokenizers-backed one of
// transformers 5, i.e. BertTokenizerFast): special tokens written in the text are recognised
// first ("[MASK]" is the mask token), the rest goes through BERT's basic tokenization
// (WordPiecePreTokenizer) and then greedy longest-match-first WordPiece with "##" continuations:
// a word longer than 100 characters, or one with a part that no piece matches, becomes [UNK].
//   single:  [CLS] a [SEP]              type ids 0 ... 0
//   pair:    [CLS] a [SEP] b [SEP]      type ids 0 for [CLS] a [SEP], 1 for b [SEP]
// Where HF's slow (Python) and fast tokenizers differ, this follows the fast one:
//   - pairs are truncated "longest first" to lengths computed at once, not one token at a time:
//     the shorter text is kept whole if the longer can make room, otherwise each gets half of the
//     room and the longer one (the second on a tie) the odd token;
//   - lowercasing is per character, so a final capital sigma becomes σ, not ς.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text/WordPiecePreTokenizer.h"
#include "core/text/WordPieceVocab.h"

namespace embedlab {

// One encoded input: all vectors have the same length (one entry per position).
struct WordPieceEncoding {
  std::vector<int32_t> ids;
  std::vector<std::string> tokens;
  std::vector<int32_t> typeIds;        // 0: first text (and [CLS]), 1: second text
  std::vector<int32_t> attentionMask;  // 1: real token, 0: padding
  // [start, end) of each token in its own text (the pair's offsets count from the start of the
  // pair text), in code points as Python's str indices; (0, 0) for [CLS], [SEP] and padding.
  std::vector<std::pair<int64_t, int64_t>> offsets;
  std::vector<int32_t> wordIds;        // index of the word within its text; -1 for added tokens
  int64_t truncated = 0;               // tokens cut away by truncation
  size_t size() const { return ids.size(); }
};

class WordPieceTokenizer {
 public:
  struct Options {
    bool lowercase = true;             // tokenizer_config.json "do_lower_case"
    std::optional<bool> stripAccents;  // "strip_accents"; unset (null): follows lowercase, as HF
    bool splitCjk = true;              // "tokenize_chinese_chars"
    bool cleanText = true;
    bool splitSpecialTokens = true;    // [PAD] [UNK] [CLS] [SEP] [MASK] in the text are those tokens
    int64_t maxInputCharsPerWord = 100;
  };

  struct EncodeOptions {
    int64_t maxLength = 0;  // > 0: truncate to this many positions, special tokens included
    int64_t padTo = 0;      // > 0: pad with [PAD] (attention 0) up to this many positions
  };

  WordPieceTokenizer() = default;
  // (Overloads rather than default arguments: a nested struct with member initialisers cannot be
  // a default argument inside its own class.)
  explicit WordPieceTokenizer(WordPieceVocab vocab);
  WordPieceTokenizer(WordPieceVocab vocab, const Options& options);

  // vocab.txt, with the options of tokenizer_config.json when that file sits beside it.
  static WordPieceTokenizer fromFile(const std::string& vocabPath);
  // `base` updated by the keys of a tokenizer_config.json that it knows (do_lower_case,
  // strip_accents, tokenize_chinese_chars). Throws Error naming the file when it is not JSON or
  // a known key has the wrong type.
  static Options readConfig(const std::string& tokenizerConfigPath, Options base);

  // Throws UsageError when maxLength leaves no room for the special tokens, Error when padding
  // is asked of a vocabulary without [PAD].
  WordPieceEncoding encode(std::string_view text) const { return encode(text, EncodeOptions()); }
  WordPieceEncoding encode(std::string_view text, const EncodeOptions& options) const;
  WordPieceEncoding encode(std::string_view text, std::string_view pair) const {
    return encode(text, pair, EncodeOptions());
  }
  WordPieceEncoding encode(std::string_view text, std::string_view pair, const EncodeOptions& options) const;

  // The WordPieces of a text without special tokens (HF's tokenize()).
  std::vector<std::string> tokenize(std::string_view text) const;

  const WordPieceVocab& vocab() const { return vocab_; }
  const Options& options() const { return options_; }

 private:
  struct Piece {
    int32_t id;
    int64_t start, end;
    int32_t word;
  };
  void pieces(std::string_view text, std::vector<Piece>& out) const;
  void wordPieces(const WordPiecePreTokenizer::Words& words, size_t w, int32_t wordId, std::vector<Piece>& out) const;
  WordPieceEncoding assemble(std::vector<Piece> a, const std::vector<Piece>* b, const EncodeOptions& options) const;

  WordPieceVocab vocab_;
  Options options_;
  WordPiecePreTokenizer pre_;
  std::vector<std::pair<std::string, int32_t>> specials_;  // recognised in the text, longest first
};

}  // namespace embedlab
