#include "core/text/WordPieceVocab.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>

#include "core/text/Utf8.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {

// Real vocabularies are a few MB; anything near this is not one (and would not fit in int32 ids).
constexpr int64_t kMaxFileBytes = int64_t{1} << 30;

int64_t codePoints(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string quoted(std::string_view token) {
  constexpr size_t kShown = 60;
  std::string s = "'";
  s += token.substr(0, kShown);
  if (token.size() > kShown) s += "...";
  return s + "'";
}

// A fast hash of short strings: 8 bytes at a time, multiply-xorshift mixing.
uint64_t hashBytes(std::string_view s) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    h = (h ^ v) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  uint64_t v = 0;
  std::memcpy(&v, s.data() + i, s.size() - i);
  h = (h ^ v) * 0x94D049BB133111EBull;
  return h ^ (h >> 29);
}

}  // namespace

int32_t WordPieceVocab::find(Kind kind, std::string_view key) const {
  const Table& t = tables_[kind];
  if (t.ids.empty()) return -1;
  const uint64_t h = hashBytes(key);
  const uint32_t tag = static_cast<uint32_t>(h >> 32);
  const size_t mask = t.ids.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const int32_t id = t.ids[i];
    if (id < 0) return -1;
    if (t.tags[i] != tag) continue;
    const std::string& token = tokens_[static_cast<size_t>(id)];
    if (kind == kWhole ? token == key
                       : token.size() == key.size() + kContinuation.size() &&
                             std::string_view(token).substr(kContinuation.size()) == key)
      return id;
  }
}

void WordPieceVocab::insert(Kind kind, std::string_view key, int32_t id) {
  Table& t = tables_[kind];
  const uint64_t h = hashBytes(key);
  const size_t mask = t.ids.size() - 1;
  size_t i = h & mask;
  while (t.ids[i] >= 0) i = (i + 1) & mask;
  t.ids[i] = id;
  t.tags[i] = static_cast<uint32_t>(h >> 32);
}

WordPieceVocab WordPieceVocab::load(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw Error(path + ": cannot open the vocabulary (no such file)");
  if (S_ISDIR(st.st_mode)) throw Error(path + ": is a directory, expected a vocab.txt file");
  if (!S_ISREG(st.st_mode)) throw Error(path + ": not a regular file");
  if (st.st_size > kMaxFileBytes) throw Error(path + ": too large for a vocabulary (" + std::to_string(st.st_size) + " bytes)");
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw Error(path + ": cannot open the vocabulary");
  std::string data(static_cast<size_t>(st.st_size), '\0');
  const size_t got = data.empty() ? 0 : std::fread(data.data(), 1, data.size(), file.get());
  if (got != data.size()) throw Error(path + ": read error");

  WordPieceVocab v;
  v.source_ = path;
  std::vector<int64_t> lines;
  size_t pos = 0;
  int64_t lineNo = 0;
  if (data.compare(0, 3, "\xEF\xBB\xBF") == 0) pos = 3;  // a BOM is not part of the first token
  while (pos < data.size()) {
    ++lineNo;
    size_t end = data.find('\n', pos);
    if (end == std::string::npos) end = data.size();
    std::string_view line(data.data() + pos, end - pos);
    pos = end + 1;
    if (line.find('\0') != std::string_view::npos)
      throw Error(path + ":" + std::to_string(lineNo) + ": not a text file (NUL byte)");
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r' ||
                             line.back() == '\v' || line.back() == '\f'))
      line.remove_suffix(1);
    if (!utf8::isValid(line)) throw Error(path + ":" + std::to_string(lineNo) + ": not valid UTF-8");
    v.tokens_.emplace_back(line);
    lines.push_back(lineNo);
  }
  v.index(lines);
  return v;
}

WordPieceVocab WordPieceVocab::fromTokens(std::vector<std::string> tokens, const std::string& source) {
  WordPieceVocab v;
  v.source_ = source;
  v.tokens_ = std::move(tokens);
  for (const std::string& t : v.tokens_)
    if (!utf8::isValid(t) || t.find('\0') != std::string::npos) throw Error(source + ": token " + quoted(t) + " is not valid UTF-8");
  v.index({});
  return v;
}

void WordPieceVocab::index(const std::vector<int64_t>& lines) {
  auto where = [&](size_t id) {
    return lines.empty() ? source_ + ": token " + std::to_string(id) : source_ + ":" + std::to_string(lines[id]);
  };
  if (tokens_.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max()))
    throw Error(source_ + ": too many tokens for 32-bit ids");
  // At most half full: short probe sequences.
  size_t capacity = 16;
  while (capacity < 2 * tokens_.size()) capacity *= 2;
  for (Table& t : tables_) {
    t.ids.assign(capacity, -1);
    t.tags.assign(capacity, 0);
  }
  bool any = false;
  maxPieceChars_ = 0;
  for (size_t i = 0; i < tokens_.size(); ++i) {
    const std::string& t = tokens_[i];
    if (t.empty()) continue;  // keeps its id, matches nothing (WordPiece never looks up "")
    any = true;
    const int32_t first = find(kWhole, t);
    if (first >= 0) throw Error(where(i) + ": duplicate token " + quoted(t) + " (first at id " + std::to_string(first) + ")");
    insert(kWhole, t, static_cast<int32_t>(i));
    std::string_view piece(t);
    if (piece.size() > kContinuation.size() && piece.substr(0, kContinuation.size()) == kContinuation) {
      piece.remove_prefix(kContinuation.size());
      insert(kContinued, piece, static_cast<int32_t>(i));
    }
    maxPieceChars_ = std::max(maxPieceChars_, codePoints(piece));
  }
  if (!any) throw Error(source_ + ": empty vocabulary (no tokens)");
  unk_ = id(kUnk);
  cls_ = id(kCls);
  sep_ = id(kSep);
  pad_ = id(kPad);
  mask_ = id(kMask);
  std::string missing;
  for (auto [value, name] : {std::pair{unk_, kUnk}, {cls_, kCls}, {sep_, kSep}})
    if (value < 0) missing += (missing.empty() ? "" : ", ") + std::string(name);
  if (!missing.empty()) throw Error(source_ + ": not a BERT vocabulary: no " + missing + " token");
}

void WordPieceVocab::save(const std::string& path) const {
  AtomicFile file(path);
  for (const std::string& t : tokens_) {
    file.write(t);
    file.write("\n");
  }
  file.commit();
}

}  // namespace embedlab
