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
