#include "core/text/Utf8.h"

#include <cstring>

namespace embedlab::utf8 {

namespace {

// Expected length of a sequence from its lead byte, and the allowed range of its second byte
// (narrower after E0, ED, F0, F4: that is what excludes overlongs, surrogates and > U+10FFFF).
struct Lead {
  uint8_t length;  // 0: cannot start a sequence
  uint8_t lo, hi;
};

inline Lead leadOf(unsigned char b) {
  if (b < 0x80) return {1, 0, 0};
  if (b < 0xC2) return {0, 0, 0};
  if (b < 0xE0) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};
  if (b < 0xF0) return {3, 0x80, 0xBF};
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b < 0xF4) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};
}

// Whether the 8 bytes at p are all ASCII and none of them is NUL.
inline bool cleanAscii8(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  const uint64_t high = 0x8080808080808080ull;
  const uint64_t hasZero = (v - 0x0101010101010101ull) & ~v & high;
  return ((v & high) | hasZero) == 0;
}

}  // namespace

size_t appendRepaired(std::string& out, const char* data, size_t n, bool final, int64_t& invalidBytes,
                      int64_t& nulBytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(data);
  size_t i = 0, run = 0;  // [run, i): bytes already checked and good, not yet copied
  while (i < n) {
    while (i + 8 <= n && cleanAscii8(p + i)) i += 8;
    if (i >= n) break;
    const unsigned char b = p[i];
    if (b != 0 && b < 0x80) {
      ++i;
      continue;
    }
    if (b == 0) {
      out.append(data + run, i - run);
      ++nulBytes;
      run = ++i;
      continue;
    }
    const Lead lead = leadOf(b);
    size_t k = 1;  // bytes of the maximal well-formed prefix
    if (lead.length > 0) {
      while (k < lead.length && i + k < n) {
        const unsigned char c = p[i + k];
        const bool ok = k == 1 ? (c >= lead.lo && c <= lead.hi) : (c >= 0x80 && c <= 0xBF);
        if (!ok) break;
        ++k;
      }
      if (k == lead.length) {
        i += k;
        continue;
      }
      if (i + k == n && !final) break;  // may complete with the next chunk
    }
    out.append(data + run, i - run);
    append(out, kReplacement);
    invalidBytes += static_cast<int64_t>(k);
    run = i += k;
  }
  out.append(data + run, i - run);
  return i;
}

bool isValid(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    if (decode(p + i, n - i, len) == kReplacement && len == 1) {
      // U+FFFD itself is 3 bytes long, so len == 1 means an ill-formed sequence.
      return false;
    }
    i += len;
  }
  return true;
}

uint32_t toLower(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp < 0x100) {
    // Latin-1: À..Þ except ×.
    return (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ? cp + 32 : cp;
  }
  if (cp < 0x180) {
    // Latin Extended-A: mostly upper/lower pairs, with the parity flipping at 0x138 and 0x179.
    if (cp == 0x130) return 'i';  // İ: the simple mapping drops the dot
    if (cp == 0x178) return 0xFF;  // Ÿ -> ÿ
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) return cp | 1;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return (cp & 1) ? cp + 1 : cp;
    return cp;
  }
  if (cp >= 0x370 && cp < 0x400) {
    // Greek.
    if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;
    if (cp == 0x386) return 0x3AC;
    if (cp >= 0x388 && cp <= 0x38A) return cp + 37;
    if (cp == 0x38C) return 0x3CC;
    if (cp == 0x38E || cp == 0x38F) return cp + 63;
    if (cp == 0x370 || cp == 0x372 || cp == 0x376) return cp + 1;
    if (cp == 0x37F) return 0x3F3;
    if (cp == 0x3CF) return 0x3D7;
    if (cp >= 0x3D8 && cp <= 0x3EF) return cp | 1;
    if (cp == 0x3F4) return 0x3B8;
    if (cp == 0x3F7 || cp == 0x3FA) return cp + 1;
    if (cp == 0x3F9) return 0x3F2;
    if (cp >= 0x3FD && cp <= 0x3FF) return cp - 130;
    return cp;
  }
  if (cp >= 0x400 && cp < 0x530) {
    // Cyrillic and Cyrillic Supplement.
    if (cp <= 0x40F) return cp + 80;
    if (cp <= 0x42F) return cp + 32;
    if (cp >= 0x460 && cp <= 0x481) return cp | 1;
    if (cp >= 0x48A && cp <= 0x4BF) return cp | 1;
    if (cp == 0x4C0) return 0x4CF;
    if (cp >= 0x4C1 && cp <= 0x4CE) return (cp & 1) ? cp + 1 : cp;
    if (cp >= 0x4D0 && cp <= 0x52F) return cp | 1;
    return cp;
  }
  if (cp >= 0x531 && cp <= 0x556) return cp + 48;  // Armenian
  if (cp >= 0x1E00 && cp <= 0x1EFF) {
    // Latin Extended Additional (Vietnamese and others): even upper, odd lower.
    if (cp == 0x1E9E) return 0xDF;  // ẞ -> ß
    if (cp <= 0x1E95 || cp >= 0x1EA0) return cp | 1;
    return cp;
  }
  if (cp >= 0x1F08 && cp <= 0x1FFF) {
    // Greek Extended: capitals sit 8 above their small letters in most blocks.
    const uint32_t low3 = cp & 0xF;
    const uint32_t block = cp & 0xFFF0;
    if (low3 >= 8 && (block == 0x1F00 || block == 0x1F10 || block == 0x1F20 || block == 0x1F30 ||
                      block == 0x1F40 || block == 0x1F60)) {
      if ((block == 0x1F10 || block == 0x1F40) && low3 > 0xD) return cp;
      return cp - 8;
    }
    return cp;
  }
  if (cp >= 0x2160 && cp <= 0x216F) return cp + 16;  // Roman numerals
  if (cp >= 0x24B6 && cp <= 0x24CF) return cp + 26;  // circled letters
  if (cp >= 0xFF21 && cp <= 0xFF3A) return cp + 32;  // full-width A..Z
  return cp;
}

}  // namespace embedlab::utf8
