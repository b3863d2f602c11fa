#include "core/text/Tokenizer.h"

#include <array>
#include <cstring>

#include "core/text/Utf8.h"

namespace embedlab {

namespace {

// What a character does to tokenisation.
enum Class : uint8_t {
  kSpace,   // ends a token
  kDrop,    // ends a token and disappears (controls, format characters, U+FFFD)
  kLetter,  // part of a word (every letter, mark or digit other than ASCII 0-9)
  kDigit,   // ASCII 0-9 (after full-width folding)
  kPunct,   // a token of its own
  kCjk,     // an ideograph: a token of its own, as BERT splits Chinese
  kApostrophe,  // ' and ’: joins two letters (don't), else punctuation
  kHyphen,      // - and U+2010/2011: joins two word characters (well-known, covid-19), not two digits
  kNumberMark,  // . and ,: joins two digits (3.14, 1,000), else punctuation
};

constexpr std::array<uint8_t, 128> makeAsciiClasses() {
  std::array<uint8_t, 128> t{};
  for (int c = 0; c < 128; ++c) {
    uint8_t k = kPunct;
    if (c < 32 || c == 127) k = kDrop;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') k = kSpace;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) k = kLetter;
    if (c >= '0' && c <= '9') k = kDigit;
    if (c == '\'') k = kApostrophe;
    if (c == '-') k = kHyphen;
    if (c == '.' || c == ',') k = kNumberMark;
    t[c] = k;
  }
  return t;
}
constexpr std::array<uint8_t, 128> kAscii = makeAsciiClasses();

constexpr std::array<char, 128> makeAsciiLower() {
  std::array<char, 128> t{};
  for (int c = 0; c < 128; ++c) t[c] = static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
  return t;
}
constexpr std::array<char, 128> kLower = makeAsciiLower();

constexpr std::array<char, 128> makeAsciiSame() {
  std::array<char, 128> t{};
  for (int c = 0; c < 128; ++c) t[c] = static_cast<char>(c);
  return t;
}
constexpr std::array<char, 128> kSame = makeAsciiSame();

// The forms that count as another character: full-width ASCII (U+FF01..FF5E) is that ASCII
// character, the typographic apostrophe U+2019 is '.
inline uint32_t fold(uint32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
  if (cp == 0x2019) return '\'';
  return cp;
}

inline bool inRange(uint32_t cp, uint32_t lo, uint32_t hi) { return cp >= lo && cp <= hi; }

// Class of a non-ASCII, already folded code point.
Class classify(uint32_t cp) {
  if (cp < 0x100) {
    if (cp < 0xA0) return cp == 0x85 ? kSpace : kDrop;  // C1 controls
    if (cp == 0xA0) return kSpace;
    if (cp == 0xAD) return kDrop;  // soft hyphen
    if (cp <= 0xBF) return (cp == 0xAA || cp == 0xB5 || cp == 0xBA) ? kLetter : kPunct;
    return (cp == 0xD7 || cp == 0xF7) ? kPunct : kLetter;
  }
  if (cp < 0x2000) {
    if (cp == 0x37E || cp == 0x387) return kPunct;                           // Greek ; and ·
    if (inRange(cp, 0x55A, 0x55F) || cp == 0x589 || cp == 0x58A) return kPunct;  // Armenian
    if (cp == 0x5BE || cp == 0x5C0 || cp == 0x5C3 || cp == 0x5C6 || cp == 0x5F3 || cp == 0x5F4) return kPunct;
    if (cp == 0x60C || cp == 0x61B || cp == 0x61F || inRange(cp, 0x66A, 0x66D) || cp == 0x6D4) return kPunct;
    if (cp == 0x964 || cp == 0x965 || cp == 0xE4F || cp == 0xE5A || cp == 0xE5B) return kPunct;
    if (cp == 0x1680) return kSpace;
    if (cp == 0x180E) return kDrop;
    return kLetter;
  }
  if (cp < 0x2070) {  // General Punctuation
    if (cp <= 0x200A || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F) return kSpace;
    if (cp <= 0x200F || inRange(cp, 0x202A, 0x202E) || cp >= 0x2060) return kDrop;
    if (cp == 0x2010 || cp == 0x2011) return kHyphen;
    return kPunct;
  }
  if (cp < 0x3000) {
    if (inRange(cp, 0x20A0, 0x20CF)) return kPunct;  // currency
    if (inRange(cp, 0x2190, 0x245F)) return kPunct;  // arrows, mathematical operators, technical
    if (inRange(cp, 0x2500, 0x2BFF)) return kPunct;  // box drawing, shapes, symbols, dingbats
    if (inRange(cp, 0x2E00, 0x2E7F)) return kPunct;  // supplemental punctuation
    return kLetter;
  }
  if (cp < 0x3040) {  // CJK Symbols and Punctuation
    if (cp == 0x3000) return kSpace;
    if (inRange(cp, 0x3005, 0x3007) || inRange(cp, 0x3021, 0x302F) || inRange(cp, 0x3031, 0x303C)) return kLetter;
    return kPunct;
  }
  if (cp == 0x30FB) return kPunct;  // katakana middle dot
  if (inRange(cp, 0x3400, 0x4DBF) || inRange(cp, 0x4E00, 0x9FFF) || inRange(cp, 0xF900, 0xFAFF)) return kCjk;
  if (cp < 0xE000) return kLetter;
  if (cp < 0x10000) {
    if (inRange(cp, 0xFE00, 0xFE0F) || cp == 0xFEFF || inRange(cp, 0xFFF0, 0xFFFD)) return kDrop;
    if (inRange(cp, 0xFE10, 0xFE19) || inRange(cp, 0xFE30, 0xFE6B)) return kPunct;
    if (inRange(cp, 0xFF5F, 0xFF65) || inRange(cp, 0xFFE0, 0xFFEE)) return kPunct;
    return kLetter;
  }
  if (inRange(cp, 0x1F000, 0x1FAFF)) return kPunct;  // emoji and pictographs
  if (inRange(cp, 0x20000, 0x2A6DF) || inRange(cp, 0x2A700, 0x2EBEF) || inRange(cp, 0x2F800, 0x2FA1F) ||
      inRange(cp, 0x30000, 0x323AF))
    return kCjk;
  if (inRange(cp, 0xE0000, 0xE007F)) return kDrop;  // tags
  return kLetter;
}

inline size_t encodedLength(uint32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

inline char* put(char* w, uint32_t cp) {
  if (cp < 0x80) {
    *w++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *w++ = static_cast<char>(0xC0 | (cp >> 6));
    *w++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *w++ = static_cast<char>(0xE0 | (cp >> 12));
    *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *w++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *w++ = static_cast<char>(0xF0 | (cp >> 18));
    *w++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *w++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return w;
}

struct Char {
  uint32_t cp;   // folded
  size_t len;    // bytes in the input
  uint8_t cls;
};

inline Char decodeAt(const unsigned char* p, size_t n) {
  const unsigned c = p[0];
  if (c < 0x80) return {c, 1, kAscii[c]};
  size_t len;
  const uint32_t cp = fold(utf8::decode(p, n, len));
  return {cp, len, cp < 0x80 ? kAscii[cp] : static_cast<uint8_t>(classify(cp))};
}

inline bool isAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

void splitOnAsciiSpace(std::string_view line, std::string& buffer, std::vector<std::string_view>& out) {
  buffer.assign(line.data(), line.size());
  const char* p = buffer.data();
  const size_t n = buffer.size();
  size_t i = 0;
  while (i < n) {
    while (i < n && isAsciiSpace(p[i])) ++i;
    const size_t start = i;
    while (i < n && !isAsciiSpace(p[i])) ++i;
    if (i > start) out.emplace_back(p + start, i - start);
  }
}

}  // namespace

void Tokenizer::tokenize(std::string_view line, std::string& buffer, std::vector<std::string_view>& out) const {
  out.clear();
  if (options_.preTokenized) {
    splitOnAsciiSpace(line, buffer, out);
    return;
  }
  // Output is never longer than the input (every mapping here keeps or shortens a character's
  // encoding, and dropped characters write nothing), so one resize up front keeps the views
  // stable and the loop free of capacity checks.
  buffer.resize(line.size());
  char* const base = buffer.data();
  char* w = base;
  char* token = nullptr;  // start of the open word token, if any
  int last = 0;           // class of the last character of the open word: kLetter, kDigit, or 0
  const bool lower = options_.lowercase;
  const char* const asciiMap = lower ? kLower.data() : kSame.data();
  const bool keepPunct = options_.keepPunctuation;
  const auto* p = reinterpret_cast<const unsigned char*>(line.data());
  const size_t n = line.size();

  auto closeToken = [&] {
    if (token) out.emplace_back(token, static_cast<size_t>(w - token));
    token = nullptr;
    last = 0;
  };
  // Writes the character at p+i: lowercased and folded, or its original bytes.
  auto write = [&](const Char& ch, size_t i) {
    if (p[i] < 0x80) {
      *w++ = asciiMap[p[i]];
      return;
    }
    if (lower) {
      const uint32_t cp = utf8::toLower(ch.cp);
      if (encodedLength(cp) <= ch.len) {
        w = put(w, cp);
        return;
      }
    }
    std::memcpy(w, p + i, ch.len);
    w += ch.len;
  };

  size_t i = 0;
  while (i < n) {
    // Runs of ASCII letters and digits: the common case, without decoding.
    if (p[i] < 0x80) {
      uint8_t cls = kAscii[p[i]];
      if (cls == kLetter || cls == kDigit) {
        if (!token) token = w;
        do {
          *w++ = asciiMap[p[i]];
          last = cls;
          if (++i == n || p[i] >= 0x80) break;
          cls = kAscii[p[i]];
        } while (cls == kLetter || cls == kDigit);
        continue;
      }
      if (cls == kSpace || cls == kDrop) {
        closeToken();
        ++i;
        continue;
      }
    }
    const Char ch = decodeAt(p + i, n - i);
    switch (ch.cls) {
      case kSpace:
      case kDrop:
        closeToken();
        break;
      case kLetter:
      case kDigit:
        if (!token) token = w;
        write(ch, i);
        last = ch.cls;
        break;
      case kCjk:
        closeToken();
        token = w;
        write(ch, i);
        closeToken();
        break;
      case kApostrophe:
      case kHyphen:
      case kNumberMark: {
        if (token && last && i + ch.len < n) {
          const Char next = decodeAt(p + i + ch.len, n - i - ch.len);
          bool join = false;
          if (ch.cls == kApostrophe) join = last == kLetter && next.cls == kLetter;
          else if (ch.cls == kHyphen) join = (next.cls == kLetter || next.cls == kDigit) && !(last == kDigit && next.cls == kDigit);
          else join = last == kDigit && next.cls == kDigit;
          if (join) {
            write(ch, i);
            last = 0;
            break;
          }
        }
        [[fallthrough]];
      }
      default:  // kPunct
        closeToken();
        if (keepPunct) {
          token = w;
          write(ch, i);
          closeToken();
        }
        break;
    }
    i += ch.len;
  }
  closeToken();
  buffer.resize(static_cast<size_t>(w - base));  // shrinking: the views stay valid
}

void Tokenizer::tokenize(std::string_view line, std::vector<std::string>& out) const {
  std::string buffer;
  std::vector<std::string_view> views;
  tokenize(line, buffer, views);
  out.reserve(out.size() + views.size());
  for (std::string_view v : views) out.emplace_back(v);
}

}  // namespace embedlab
