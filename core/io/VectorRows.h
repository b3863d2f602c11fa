#pragma once
// What every word-vector reader and writer (text, binary, projector TSV) shares: the limits that
// tell a real file from garbage, the row policies of WordVectors.h (labels valid UTF-8, the first
// of duplicate words wins, whitespace in a saved word becomes '_'), progress and stop checks while
// loading, and formatting rows in parallel while writing them in order.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/embeddings/EmbeddingSet.h"
#include "core/io/WordVectors.h"
#include "core/text/Utf8.h"
#include "core/util/AtomicFile.h"

namespace embedlab::wordvectors {

class InputFile;

constexpr int64_t kMaxDim = 1 << 20;                   // no embedding has a million dimensions
constexpr int64_t kReserveFloats = int64_t(1) << 28;  // never pre-allocate more than 1 GiB on a header's word

inline bool isBlank(char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\v' || ch == '\f'; }

bool endsWith(std::string_view s, std::string_view suffix);
std::string lowerAscii(std::string s);

// Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF): core/text's check, under
// the name the readers of this folder use.
inline bool validUtf8(std::string_view s) { return utf8::isValid(s); }
// A word for messages: quoted, cut short, control bytes shown as '?'.
std::string quoteWord(std::string_view word);

int resolveThreads(int threads);   // 0: OpenMP's default

// Appends one parsed row, applying the duplicate policy (first row wins).
void appendRow(EmbeddingSet& set, std::string_view label, const float* vec, int64_t count,
               WordVectorsLoadReport& report);

void reportProgress(const WordVectorsLoadOptions& options, InputFile& in, std::chrono::steady_clock::time_point started);
// Throws Error("<path>: loading stopped") when a stop was requested.
void checkStop(const WordVectorsLoadOptions& options, const std::string& path);

// Whitespace cannot be stored inside a word in these formats (it becomes '_'), nor a leading
// U+FEFF (dropped: read back as a byte-order mark); an empty word is written as "_".
std::string safeWord(const std::string& label);

// Formats rows in parallel, 4096 at a time, into one string per row, then writes them in order.
template <class FormatRow>
void writeRows(AtomicFile& out, int64_t rows, FormatRow&& formatRow) {
  const int64_t chunk = 4096;
  std::vector<std::string> texts(static_cast<size_t>(std::min(rows, chunk)));
  for (int64_t begin = 0; begin < rows; begin += chunk) {
    const int64_t n = std::min(chunk, rows - begin);
#pragma omp parallel for schedule(dynamic, 64) if (n >= 512)
    for (int64_t i = 0; i < n; ++i) formatRow(begin + i, texts[static_cast<size_t>(i)]);
    for (int64_t i = 0; i < n; ++i) out.write(texts[static_cast<size_t>(i)]);
  }
}

}  // namespace embedlab::wordvectors
