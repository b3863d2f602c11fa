#include "core/text/WordPieceTokenizer.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/util/Error.h"

namespace embedlab {

WordPieceTokenizer::WordPieceTokenizer(WordPieceVocab vocab) : WordPieceTokenizer(std::move(vocab), Options()) {}

WordPieceTokenizer::WordPieceTokenizer(WordPieceVocab vocab, const Options& options)
    : vocab_(std::move(vocab)), options_(options) {
  WordPiecePreTokenizer::Options pre;
  pre.cleanText = options_.cleanText;
  pre.splitCjk = options_.splitCjk;
  pre.lowercase = options_.lowercase;
  pre.stripAccents = options_.stripAccents.value_or(options_.lowercase);
  pre_ = WordPiecePreTokenizer(pre);
  if (options_.splitSpecialTokens) {
    for (std::string_view s : {WordPieceVocab::kPad, WordPieceVocab::kUnk, WordPieceVocab::kCls, WordPieceVocab::kSep,
                               WordPieceVocab::kMask}) {
      const int32_t id = vocab_.id(s);
      if (id >= 0) specials_.emplace_back(std::string(s), id);
    }
    std::stable_sort(specials_.begin(), specials_.end(),
                     [](const auto& x, const auto& y) { return x.first.size() > y.first.size(); });
  }
}

WordPieceTokenizer WordPieceTokenizer::fromFile(const std::string& vocabPath) {
  WordPieceVocab vocab = WordPieceVocab::load(vocabPath);
  const std::filesystem::path config = std::filesystem::path(vocabPath).parent_path() / "tokenizer_config.json";
  std::error_code ec;
  Options options;
  if (std::filesystem::is_regular_file(config, ec)) options = readConfig(config.string(), options);
  return WordPieceTokenizer(std::move(vocab), options);
}

WordPieceTokenizer::Options WordPieceTokenizer::readConfig(const std::string& path, Options base) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open");
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) throw Error(path + ": not a JSON object");
  auto boolean = [&](const char* key, bool& value) {
    auto it = j.find(key);
    if (it == j.end()) return;
    if (!it->is_boolean()) throw Error(path + ": \"" + key + "\" must be true or false");
    value = it->get<bool>();
  };
  boolean("do_lower_case", base.lowercase);
  boolean("tokenize_chinese_chars", base.splitCjk);
  if (auto it = j.find("strip_accents"); it != j.end()) {
    if (it->is_null())
      base.stripAccents.reset();
    else if (it->is_boolean())
      base.stripAccents = it->get<bool>();
    else
      throw Error(path + ": \"strip_accents\" must be true, false or null");
  }
  return base;
}

void WordPieceTokenizer::wordPieces(const WordPiecePreTokenizer::Words& words, size_t w, int32_t wordId,
                                    std::vector<Piece>& out) const {
  const WordPiecePreTokenizer::Word& word = words.words[w];
  const uint32_t first = word.charBegin;
  const int64_t n = word.charEnd - word.charBegin;
  const int64_t wordStart = words.source[first], wordEnd = words.source[word.charEnd - 1] + 1;
  if (n > options_.maxInputCharsPerWord) {
    out.push_back({vocab_.unkId(), wordStart, wordEnd, wordId});
    return;
  }
  const std::string_view text(words.text);
  auto byteAt = [&](int64_t c) { return c < n ? words.charByte[first + c] : word.byteEnd; };
  const size_t mark = out.size();
  int64_t start = 0;
  while (start < n) {
    // Greedy longest match first: the longest piece of the vocabulary that starts here.
    int64_t end = std::min(n, start + vocab_.maxPieceChars());
    int32_t id = -1;
    for (; end > start; --end) {
      const std::string_view piece = text.substr(byteAt(start), byteAt(end) - byteAt(start));
      id = start == 0 ? vocab_.id(piece) : vocab_.continuationId(piece);
      if (id >= 0) break;
    }
    if (id < 0) {
      // One part matches nothing: the whole word is unknown, not just that part.
      out.resize(mark);
      out.push_back({vocab_.unkId(), wordStart, wordEnd, wordId});
      return;
    }
    out.push_back({id, words.source[first + start], words.source[first + end - 1] + 1, wordId});
    start = end;
  }
}

void WordPieceTokenizer::pieces(std::string_view text, std::vector<Piece>& out) const {
  if (vocab_.size() == 0) throw Error("WordPiece tokenizer: no vocabulary loaded");
  WordPiecePreTokenizer::Words words;
  int32_t wordId = 0;
  auto plain = [&](std::string_view segment, int64_t base) {
    words.clear();
    pre_.run(segment, base, words);
    for (size_t w = 0; w < words.words.size(); ++w) wordPieces(words, w, wordId++, out);
  };
  size_t segmentStart = 0, i = 0;
  int64_t segmentIndex = 0, index = 0;  // code point index of segmentStart and of i
  while (i < text.size()) {
    const std::pair<std::string, int32_t>* hit = nullptr;
    if (text[i] == '[') {
      for (const auto& special : specials_)
        if (text.compare(i, special.first.size(), special.first) == 0) {
          hit = &special;
          break;
        }
    }
    if (!hit) {
      index += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
      ++i;
      continue;
    }
    plain(text.substr(segmentStart, i - segmentStart), segmentIndex);
    const int64_t len = static_cast<int64_t>(hit->first.size());  // special tokens are ASCII
    out.push_back({hit->second, index, index + len, wordId++});
    i += hit->first.size();
    index += len;
    segmentStart = i;
    segmentIndex = index;
  }
  plain(text.substr(segmentStart), segmentIndex);
}

std::vector<std::string> WordPieceTokenizer::tokenize(std::string_view text) const {
  std::vector<Piece> ps;
  pieces(text, ps);
  std::vector<std::string> out;
  out.reserve(ps.size());
  for (const Piece& p : ps) out.push_back(vocab_.token(p.id));
  return out;
}

WordPieceEncoding WordPieceTokenizer::encode(std::string_view text, const EncodeOptions& options) const {
  std::vector<Piece> a;
  pieces(text, a);
  return assemble(std::move(a), nullptr, options);
}

WordPieceEncoding WordPieceTokenizer::encode(std::string_view text, std::string_view pair,
                                             const EncodeOptions& options) const {
  std::vector<Piece> a, b;
  pieces(text, a);
  pieces(pair, b);
  return assemble(std::move(a), &b, options);
}

WordPieceEncoding WordPieceTokenizer::assemble(std::vector<Piece> a, const std::vector<Piece>* bp,
                                               const EncodeOptions& options) const {
  std::vector<Piece> b = bp ? *bp : std::vector<Piece>{};
  const int64_t added = bp ? 3 : 2;
  WordPieceEncoding e;
  if (options.maxLength > 0) {
    if (options.maxLength < added)
      throw UsageError("max length " + std::to_string(options.maxLength) + " leaves no room for the " +
                       std::to_string(added) + " special tokens");
    const int64_t target = options.maxLength - added;
    int64_t n1 = static_cast<int64_t>(a.size()), n2 = static_cast<int64_t>(b.size());
    if (n1 + n2 > target) {
      if (!bp) {
        n1 = target;
      } else {
        // HF's LongestFirst, computed at once: the shorter text keeps everything if the longer
        // can make room; otherwise both get half, the longer (the second on a tie) the odd token.
        const bool swapped = n1 > n2;
        if (swapped) std::swap(n1, n2);
        n2 = n1 > target ? n1 : std::max(n1, target - n1);
        if (n1 + n2 > target) {
          n1 = target / 2;
          n2 = n1 + target % 2;
        }
        if (swapped) std::swap(n1, n2);
      }
      const size_t before = a.size() + b.size();
      a.resize(std::min(a.size(), static_cast<size_t>(n1)));
      b.resize(std::min(b.size(), static_cast<size_t>(n2)));
      e.truncated = static_cast<int64_t>(before - a.size() - b.size());
    }
  }
  const size_t total = a.size() + b.size() + static_cast<size_t>(added);
  const size_t padded = std::max(total, static_cast<size_t>(std::max<int64_t>(options.padTo, 0)));
  if (padded > total && vocab_.padId() < 0) throw Error(vocab_.source() + ": no [PAD] token, cannot pad");
  e.ids.reserve(padded);
  e.tokens.reserve(padded);
  e.typeIds.reserve(padded);
  e.attentionMask.reserve(padded);
  e.offsets.reserve(padded);
  e.wordIds.reserve(padded);
  auto push = [&](int32_t id, int32_t type, int32_t mask, int64_t start, int64_t end, int32_t word) {
    e.ids.push_back(id);
    e.tokens.push_back(vocab_.token(id));
    e.typeIds.push_back(type);
    e.attentionMask.push_back(mask);
    e.offsets.emplace_back(start, end);
    e.wordIds.push_back(word);
  };
  push(vocab_.clsId(), 0, 1, 0, 0, -1);
  for (const Piece& p : a) push(p.id, 0, 1, p.start, p.end, p.word);
  push(vocab_.sepId(), 0, 1, 0, 0, -1);
  if (bp) {
    for (const Piece& p : b) push(p.id, 1, 1, p.start, p.end, p.word);
    push(vocab_.sepId(), 1, 1, 0, 0, -1);
  }
  while (e.ids.size() < padded) push(vocab_.padId(), 0, 0, 0, 0, -1);
  return e;
}

}  // namespace embedlab
