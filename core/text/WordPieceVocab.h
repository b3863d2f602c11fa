#pragma once
// A WordPiece vocabulary as BERT's vocab.txt holds it: one token per line, id = line number
// (from 0); word-initial pieces as they are, continuation pieces with the "##" prefix; the
// special tokens [PAD] [UNK] [CLS] [SEP] [MASK] somewhere among them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace embedlab {

class WordPieceVocab {
 public:
  static constexpr std::string_view kPad = "[PAD]", kUnk = "[UNK]", kCls = "[CLS]", kSep = "[SEP]",
                                    kMask = "[MASK]";
  static constexpr std::string_view kContinuation = "##";

  WordPieceVocab() = default;

  // Reads vocab.txt. Trailing whitespace of a line (\r included) is not part of the token, as in
  // Hugging Face; a blank line keeps its id but matches nothing. Throws Error naming the file
  // (and line) when it is missing, not text, not UTF-8, empty, has a duplicate token, or lacks
  // [UNK], [CLS] or [SEP]. [PAD] and [MASK] may be absent (padding / masking then fail clearly).
  static WordPieceVocab load(const std::string& path);

  // From tokens in id order; `source` names them in error messages (same checks as load()).
  static WordPieceVocab fromTokens(std::vector<std::string> tokens, const std::string& source = "vocabulary");

  // One token per line, atomically.
  void save(const std::string& path) const;

  int64_t size() const { return static_cast<int64_t>(tokens_.size()); }
  const std::string& token(int64_t id) const { return tokens_[static_cast<size_t>(id)]; }
  const std::vector<std::string>& tokens() const { return tokens_; }
  // Id of a token, or -1.
  int32_t id(std::string_view token) const { return find(kWhole, token); }
  // Id of the continuation piece "##" + `piece`, or -1 (without building that string).
  int32_t continuationId(std::string_view piece) const { return find(kContinued, piece); }

  int32_t unkId() const { return unk_; }
  int32_t clsId() const { return cls_; }
  int32_t sepId() const { return sep_; }
  int32_t padId() const { return pad_; }    // -1 when the vocabulary has no [PAD]
  int32_t maskId() const { return mask_; }  // -1 when the vocabulary has no [MASK]

  // Length in code points of the longest piece (without "##"): WordPiece never tries longer.
  int64_t maxPieceChars() const { return maxPieceChars_; }
  const std::string& source() const { return source_; }

 private:
  // Open addressing, one table per kind of key: whole tokens, and continuation pieces without
  // their "##" (so that WordPiece looks both up without building strings). A slot holds a token
  // id (or -1) and the high half of the key's hash, compared before the strings.
  enum Kind { kWhole = 0, kContinued = 1 };
  struct Table {
    std::vector<int32_t> ids;
    std::vector<uint32_t> tags;
  };
  int32_t find(Kind kind, std::string_view key) const;
  void insert(Kind kind, std::string_view key, int32_t id);
  // `lines`: 1-based line of each token in the source, for messages (empty: none).
  void index(const std::vector<int64_t>& lines);

  std::vector<std::string> tokens_;
  Table tables_[2];
  int32_t unk_ = -1, cls_ = -1, sep_ = -1, pad_ = -1, mask_ = -1;
  int64_t maxPieceChars_ = 0;
  std::string source_;
};

}  // namespace embedlab
