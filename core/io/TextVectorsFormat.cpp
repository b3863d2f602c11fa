#include "core/io/TextVectorsFormat.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <string_view>
#include <vector>

#include "core/io/InputFile.h"
#include "core/io/VectorLines.h"
#include "core/io/VectorRows.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab::wordvectors {

namespace {

// "%f" of the value promoted to double, as word2vec.c's fprintf("%lf") writes it.
// Fast path: a float has 24 significant bits and 10^6 needs 20, so v * 10^6 is exact in double;
// rounding it to an integer half-to-even (the default mode, as glibc rounds exact ties such as
// 2^-7 = 0.0078125) gives the printed digits. Large values take to_chars, exact as well.
char* appendFixed6(char* p, char* end, float v) {
  const double scaled = static_cast<double>(v) * 1e6;
  if (!(std::fabs(scaled) < 9.0e15)) return std::to_chars(p, end, static_cast<double>(v), std::chars_format::fixed, 6).ptr;
  const long long n = std::llrint(scaled);  // half-to-even in the default rounding mode
  if (std::signbit(v)) *p++ = '-';          // printf keeps the sign of -0 and of tiny negatives
  const unsigned long long mag = static_cast<unsigned long long>(n < 0 ? -n : n);
  p = std::to_chars(p, end, mag / 1000000ULL).ptr;
  *p++ = '.';
  unsigned long long frac = mag % 1000000ULL;
  for (int i = 5; i >= 0; --i) {
    p[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  return p + 6;
}

}  // namespace

// Word2vec text (with header) and GloVe text (without). For GloVe the dimension comes from the
// first data line.
EmbeddingSet loadTextVectors(const std::string& path, VectorFormat requested, const WordVectorsLoadOptions& options,
                             WordVectorsLoadReport& report) {
  InputFile in(path);
  const auto started = std::chrono::steady_clock::now();
  const int threads = resolveThreads(options.threads);
  bool decided = false;  // header seen / format settled
  bool withHeader = false;
  Header header;
  EmbeddingSet set;
  int64_t fileRows = 0;  // data rows read (duplicates included)
  ParsedLines parsed;
  bool sawData = false;
  bool done = false;

  forEachLineChunk(in, [&](const std::vector<std::string_view>& lines, int64_t firstLine) {
    size_t begin = 0;
    if (!decided) {
      // Settle the format on the first non-blank line.
      while (begin < lines.size() && blankLine(lines[begin])) ++begin;
      if (begin == lines.size()) return true;
      const std::string_view first = lines[begin];
      const int64_t lineNo = firstLine + static_cast<int64_t>(begin);
      if (first.find('\0') != std::string_view::npos)
        throw Error(path + ": not a text vectors file (NUL bytes on line " + std::to_string(lineNo) + ")");
      if (requested != VectorFormat::GloveText && parseHeader(first, header)) {
        checkHeader(path, header);
        withHeader = true;
        ++begin;
        set = EmbeddingSet({}, static_cast<int>(header.dim));
        int64_t expect = header.rows;
        if (options.maxRows > 0) expect = std::min(expect, options.maxRows);
        // Trust the header only as far as the file could hold it (2 bytes per value at least).
        // A compressed file's size says little: reserve a modest start and let the set grow.
        expect = in.compressed() ? std::min<int64_t>(expect, 1 << 20)
                                 : std::min<int64_t>(expect, in.size() / (2 * header.dim) + 1);
        set.reserve(std::min<int64_t>(expect, kReserveFloats / header.dim));
        report.format = VectorFormat::Word2VecText;
        report.headerRows = header.rows;
      } else if (requested == VectorFormat::Word2VecText) {
        throw Error(path + ": line " + std::to_string(lineNo) + ": bad header: expected \"rows dim\", found " +
                    quoteWord(first));
      } else {
        const int64_t fields = countFields(first);
        if (fields < 2)
          throw Error(path + ": line " + std::to_string(lineNo) +
                      ": not a vectors file (expected a \"rows dim\" header or a word followed by numbers)");
        header.dim = fields - 1;
        if (header.dim > kMaxDim)
          throw Error(path + ": line " + std::to_string(lineNo) + ": " + std::to_string(header.dim) +
                      " values on one line is not a plausible dimension");
        set = EmbeddingSet({}, static_cast<int>(header.dim));
        report.format = VectorFormat::GloveText;
      }
      decided = true;
    }
    if (done) {
      // maxRows reached earlier, or the header's rows are all read: only blank lines may follow.
      for (size_t i = begin; i < lines.size(); ++i) {
        if (blankLine(lines[i])) continue;
        if (options.maxRows > 0 && fileRows >= options.maxRows) return false;
        throw Error(path + ": line " + std::to_string(firstLine + static_cast<int64_t>(i)) +
                    ": more rows than the header's " + std::to_string(header.rows));
      }
      return true;
    }
    checkStop(options, path);

    const size_t n = lines.size() - begin;
    const int64_t dim = header.dim;
    parseLines(path, lines, begin, firstLine, dim, true, threads, parsed);
    for (size_t i = 0; i < n; ++i) {
      const int64_t lineNo = firstLine + static_cast<int64_t>(begin + i);
      const LineResult& result = parsed.results[i];
      if (result.blank) continue;
      if (withHeader && fileRows == header.rows) {
        if (options.maxRows > 0 && fileRows >= options.maxRows) return false;
        throw Error(path + ": line " + std::to_string(lineNo) + ": more rows than the header's " +
                    std::to_string(header.rows));
      }
      if (!result.error.empty()) throw Error(path + ": line " + std::to_string(lineNo) + ": " + result.error);
      appendRow(set, result.label, parsed.row(i, dim), 0, report);
      sawData = true;
      ++fileRows;
      if (options.maxRows > 0 && fileRows >= options.maxRows) {
        done = true;
        return false;
      }
      if (withHeader && fileRows == header.rows) done = true;
    }
    reportProgress(options, in, started);
    return true;
  });

  if (!decided) throw Error(path + ": empty file (only blank lines)");
  if (withHeader && fileRows < header.rows && !(options.maxRows > 0 && fileRows >= options.maxRows))
    throw Error(path + ": the header announces " + std::to_string(header.rows) + " rows but the file has only " +
                std::to_string(fileRows));
  if (!withHeader && !sawData) throw Error(path + ": no vectors in the file");
  return set;
}

void saveTextVectors(const EmbeddingSet& set, const std::string& path, bool header) {
  AtomicFile out(path);
  const int dim = set.dim();
  if (header) out.write(std::to_string(set.rows()) + " " + std::to_string(dim) + "\n");
  writeRows(out, set.rows(), [&](int64_t r, std::string& text) {
    const std::string word = safeWord(set.label(r));
    // Each value: sign, up to 39 integer digits for a huge float, '.', 6 decimals, separator.
    text.resize(word.size() + static_cast<size_t>(dim) * 50 + 2);
    char* p = text.data();
    char* end = text.data() + text.size();
    std::memcpy(p, word.data(), word.size());
    p += word.size();
    const float* v = set.row(r);
    for (int d = 0; d < dim; ++d) {
      if (header) {  // word2vec.c: "word " then "%lf " per value
        if (d == 0) *p++ = ' ';
        p = appendFixed6(p, end, v[d]);
        *p++ = ' ';
      } else {  // GloVe: " %lf" per value
        *p++ = ' ';
        p = appendFixed6(p, end, v[d]);
      }
    }
    *p++ = '\n';
    text.resize(static_cast<size_t>(p - text.data()));
  });
  out.commit();
}

}  // namespace embedlab::wordvectors
