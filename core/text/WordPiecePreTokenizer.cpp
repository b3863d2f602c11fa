#include "core/text/WordPiecePreTokenizer.h"

#include "core/text/Utf8.h"
#include "core/text/WordPieceUnicode.h"

namespace embedlab {

namespace {

namespace wp = wordpiece;

// Builds Words one normalised character at a time.
struct Builder {
  WordPiecePreTokenizer::Words& out;
  bool open = false;  // a word is being built
  uint32_t wordByte = 0, wordChar = 0;

  void endWord() {
    if (!open) return;
    out.words.push_back({wordByte, static_cast<uint32_t>(out.text.size()), wordChar,
                         static_cast<uint32_t>(out.source.size())});
    open = false;
  }
  void add(uint32_t cp, int64_t source) {
    if (!open) {
      open = true;
      wordByte = static_cast<uint32_t>(out.text.size());
      wordChar = static_cast<uint32_t>(out.source.size());
    }
    out.charByte.push_back(static_cast<uint32_t>(out.text.size()));
    out.source.push_back(source);
    if (cp < 0x80)
      out.text.push_back(static_cast<char>(cp));
    else
      utf8::append(out.text, cp);
  }
  void addAlone(uint32_t cp, int64_t source) {
    endWord();
    add(cp, source);
    endWord();
  }
};

// Whitespace when cleaning is off: the characters Rust's char::is_whitespace accepts, which
// include the controls U+000B, U+000C and U+0085 that cleaning would have dropped.
inline bool isRawWhitespace(uint32_t cp) { return wp::isWhitespace(cp) || cp == 0x0B || cp == 0x0C || cp == 0x85; }

}  // namespace

void WordPiecePreTokenizer::run(std::string_view text, int64_t base, Words& out) const {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const Options& o = options_;
  Builder b{out};
  int64_t index = base;  // code point index of the character at p[i]
  size_t i = 0;
  while (i < n) {
    // ASCII: no accents, no CJK, one-to-one lowercase.
    if (p[i] < 0x80) {
      uint32_t c = p[i++];
      const int64_t at = index++;
      if (o.cleanText ? wp::isWhitespace(c) : isRawWhitespace(c)) {
        b.endWord();
      } else if (o.cleanText && wp::isDropped(c)) {
        // dropped
      } else if (wp::isPunctuation(c)) {
        b.addAlone(c, at);
      } else {
        if (o.lowercase && c >= 'A' && c <= 'Z') c += 32;
        b.add(c, at);
      }
      continue;
    }
    size_t len;
    const uint32_t cp = utf8::decode(p + i, n - i, len);
    i += len;
    const int64_t at = index++;
    if (o.cleanText ? wp::isWhitespace(cp) : isRawWhitespace(cp)) {
      b.endWord();
      continue;
    }
    if (o.cleanText && wp::isDropped(cp)) continue;
    const bool alone = o.splitCjk && wp::isCjk(cp);
    if (alone) b.endWord();
    uint32_t stripped[3];
    const int ns = o.stripAccents ? wp::stripAccents(cp, stripped) : (stripped[0] = cp, 1);
    for (int s = 0; s < ns; ++s) {
      uint32_t lowered[2];
      const int nl = o.lowercase ? wp::toLowerFull(stripped[s], lowered) : (lowered[0] = stripped[s], 1);
      for (int l = 0; l < nl; ++l) {
        if (wp::isPunctuation(lowered[l]))
          b.addAlone(lowered[l], at);
        else
          b.add(lowered[l], at);
      }
    }
    if (alone) b.endWord();
  }
  b.endWord();
}

void WordPiecePreTokenizer::words(std::string_view text, Words& out, std::vector<std::string_view>& views) const {
  out.clear();
  views.clear();
  run(text, 0, out);
  views.reserve(out.words.size());
  for (size_t w = 0; w < out.words.size(); ++w) views.push_back(out.word(w));
}

}  // namespace embedlab
