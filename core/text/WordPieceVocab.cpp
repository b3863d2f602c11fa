#include "core/text/WordPieceVocab.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
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

}  // namespace

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
  ids_.clear();
  ids_.reserve(tokens_.size());
  bool any = false;
  maxPieceChars_ = 0;
  for (size_t i = 0; i < tokens_.size(); ++i) {
    const std::string& t = tokens_[i];
    if (t.empty()) continue;  // keeps its id, matches nothing (WordPiece never looks up "")
    any = true;
    auto [it, inserted] = ids_.emplace(t, static_cast<int32_t>(i));
    if (!inserted) throw Error(where(i) + ": duplicate token " + quoted(t) + " (first at id " + std::to_string(it->second) + ")");
    std::string_view piece(t);
    if (piece.size() > kContinuation.size() && piece.substr(0, kContinuation.size()) == kContinuation)
      piece.remove_prefix(kContinuation.size());
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
