#include "core/io/VectorRows.h"

#include <omp.h>

#include "core/io/InputFile.h"
#include "core/util/Error.h"

namespace embedlab::wordvectors {

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string lowerAscii(std::string s) {
  for (char& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return s;
}

bool validUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int extra;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p <= extra) return false;
    for (int i = 1; i <= extra; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    p += extra + 1;
  }
  return true;
}

std::string quoteWord(std::string_view word) {
  std::string out = "'";
  for (char ch : word.substr(0, 40)) out += (static_cast<unsigned char>(ch) < 0x20) ? '?' : ch;
  if (word.size() > 40) out += "...";
  return out + "'";
}

int resolveThreads(int threads) { return threads > 0 ? threads : std::max(1, omp_get_max_threads()); }

void appendRow(EmbeddingSet& set, std::string_view label, const float* vec, int64_t count,
               WordVectorsLoadReport& report) {
  if (set.find(label) >= 0) {
    ++report.duplicatesSkipped;
    return;
  }
  set.addRow(std::string(label), vec, count);
}

void reportProgress(const WordVectorsLoadOptions& options, InputFile& in,
                    std::chrono::steady_clock::time_point started) {
  if (!options.progress) return;
  Progress p;
  p.step = in.position();
  p.total = in.size();
  p.elapsedSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  p.itemsPerSec = p.elapsedSeconds > 0 ? p.step / p.elapsedSeconds : 0;
  p.etaSeconds = p.itemsPerSec > 0 ? (p.total - p.step) / p.itemsPerSec : 0;
  p.phase = "loading";
  options.progress(p);
}

void checkStop(const WordVectorsLoadOptions& options, const std::string& path) {
  if (options.stop && options.stop->stopRequested()) throw Error(path + ": loading stopped");
}

std::string safeWord(const std::string& label) {
  // A word that starts with U+FEFF, written first in a file, would be read back (by us and by
  // other tools) as a byte-order mark and lose it: no written word starts with one.
  std::string_view rest = label;
  while (rest.size() >= 3 && rest.compare(0, 3, "\xEF\xBB\xBF") == 0) rest.remove_prefix(3);
  if (rest.empty()) return "_";
  std::string out(rest);
  for (char& ch : out)
    if (isBlank(ch)) ch = '_';
  return out;
}

}  // namespace embedlab::wordvectors
