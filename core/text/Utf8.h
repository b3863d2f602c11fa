#pragma once
// UTF-8 decoding and repair (private to core/text, but usable by anyone who needs it).
// Repair follows the Unicode "maximal subpart" practice: each maximal prefix of a well-formed
// sequence that is cut short, and each byte that cannot start one, becomes one U+FFFD; the
// bytes it replaces are counted, so callers can report how much of the input was damaged.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace embedlab::utf8 {

inline constexpr uint32_t kReplacement = 0xFFFD;

// Appends the bytes [data, data+n) to `out`, with NUL bytes dropped and invalid sequences
// replaced by U+FFFD. Returns the number of bytes consumed: when `final` is false a sequence
// that is incomplete only because the input stops (at most 3 bytes) is left unconsumed, so a
// streaming caller can retry it with the next chunk. `invalidBytes` / `nulBytes` are incremented.
size_t appendRepaired(std::string& out, const char* data, size_t n, bool final, int64_t& invalidBytes,
                      int64_t& nulBytes);

// True when `text` is well-formed UTF-8 (NUL allowed).
bool isValid(std::string_view text);

// Decodes the code point at `p` (n bytes available, n >= 1) and stores its length in `len`.
// Never reads past p+n; an ill-formed sequence yields U+FFFD with len = 1.
inline uint32_t decode(const unsigned char* p, size_t n, size_t& len) {
  const uint32_t b0 = p[0];
  if (b0 < 0x80) {
    len = 1;
    return b0;
  }
  auto cont = [&](size_t i, uint32_t lo, uint32_t hi) { return i < n && p[i] >= lo && p[i] <= hi; };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (cont(1, 0x80, 0xBF)) {
      len = 2;
      return ((b0 & 0x1F) << 6) | (p[1] & 0x3F);
    }
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    const uint32_t lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
    if (cont(1, lo, hi) && cont(2, 0x80, 0xBF)) {
      len = 3;
      return ((b0 & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    const uint32_t lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
    if (cont(1, lo, hi) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF)) {
      len = 4;
      return ((b0 & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    }
  }
  len = 1;
  return kReplacement;
}

// Appends the UTF-8 encoding of `cp` (a valid scalar value) to `out`.
inline void append(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Simple (one-to-one) lowercase mapping for Latin (Basic, Latin-1, Extended-A, Extended
// Additional), Greek, Cyrillic and Armenian; other code points map to themselves.
uint32_t toLower(uint32_t cp);

}  // namespace embedlab::utf8
