#pragma once
// The Unicode facts BERT's text normalisation depends on, as Hugging Face's BertNormalizer and
// BertPreTokenizer use them (tokenizers/src/normalizers/bert.rs, pre_tokenizers/bert.rs):
// general-category classes, whitespace, CJK ideographs, NFD-without-accents and lowercasing.
// The tables behind charClass(), stripAccents() and toLowerFull() are generated from Python's
// unicodedata (see the script at the top of WordPieceUnicode.cpp).
#include <cstdint>

namespace embedlab::wordpiece {

enum class CharClass : uint8_t {
  Plain = 0,           // letters, digits, symbols, spacing marks, separators
  Other = 1,           // general category C*: control, format, unassigned, private use, surrogate
  Punctuation = 2,     // general category P*
  NonspacingMark = 3,  // general category Mn (what accent stripping removes after NFD)
};

CharClass charClass(uint32_t cp);

// Whitespace after cleaning: \t \n \r, space and the other White_Space characters that are not
// controls (U+000B, U+000C and U+0085 are controls and are dropped before this test).
inline bool isWhitespace(uint32_t cp) {
  if (cp < 0x80) return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
  return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// What text cleaning drops: NUL, U+FFFD and every C* character except \t \n \r.
inline bool isDropped(uint32_t cp) {
  if (cp < 0x80) return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F;
  return cp == 0xFFFD || charClass(cp) == CharClass::Other;
}

// BERT's punctuation: every non-alphanumeric printable ASCII character (so $ + < = > ^ ` | ~
// count although Unicode calls them symbols), and general category P* elsewhere.
inline bool isPunctuation(uint32_t cp) {
  if (cp < 0x80)
    return (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126);
  return charClass(cp) == CharClass::Punctuation;
}

// BERT's "Chinese character" ranges: the CJK Unified Ideographs blocks and compatibility
// ideographs (not Hiragana, Katakana or Hangul, which are split like any other script).
inline bool isCjk(uint32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF) ||
         (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}

// NFD of `cp` with the nonspacing marks removed, into out[0..n); returns n (0 to 3; 0 for a mark).
int stripAccents(uint32_t cp, uint32_t out[3]);

// Unicode lowercase mapping of one character without context (as Rust's char::to_lowercase and
// Python's str.lower() per character): 1 code point, or 2 for U+0130 (i + combining dot above).
int toLowerFull(uint32_t cp, uint32_t out[2]);

}  // namespace embedlab::wordpiece
