#include "core/io/ProjectorTsvFormat.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <string_view>
#include <vector>

#include "core/io/InputFile.h"
#include "core/io/VectorLines.h"
#include "core/io/VectorRows.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab::wordvectors {

namespace {

bool isMetadataName(const std::string& path) {
  const std::string name = lowerAscii(std::filesystem::path(path).filename().string());
  return name == "metadata.tsv" || endsWith(name, ".metadata.tsv");
}

// Splits a TSV line into fields (tabs only: labels may hold spaces).
std::vector<std::string_view> tabFields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return fields;
}

std::string safeMetadata(const std::string& label) {
  std::string out = label;
  for (char& ch : out)
    if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
  return out;
}

// The labels (and counts, when a column holds them) of `rows` vectors read from `path`.
void readMetadata(const std::string& metaPath, const std::string& path, int64_t rows,
                  const WordVectorsLoadOptions& options, std::vector<std::string>& labels,
                  std::vector<int64_t>& counts) {
  InputFile meta(metaPath);
  int wordColumn = 0, countColumn = -1;
  bool first = true;
  bool sawTab = false;
  int64_t lineNo = 0;
  std::vector<std::string> metaLines;
  forEachLineChunk(meta, [&](const std::vector<std::string_view>& lines, int64_t firstLine) {
    for (size_t i = 0; i < lines.size(); ++i) {
      lineNo = firstLine + static_cast<int64_t>(i);
      std::string_view line = lines[i];
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!validUtf8(line)) throw Error(metaPath + ": line " + std::to_string(lineNo) + ": not valid UTF-8");
      if (first) {
        first = false;
        // The projector's rule: with more than one column, the first line names the columns.
        if (line.find('\t') != std::string_view::npos) {
          sawTab = true;
          auto names = tabFields(line);
          for (size_t c = 0; c < names.size(); ++c) {
            const std::string name = lowerAscii(std::string(names[c]));
            if (name == "word" || name == "label" || name == "token") wordColumn = static_cast<int>(c);
            if (name == "count" || name == "frequency" || name == "freq") countColumn = static_cast<int>(c);
          }
          continue;
        }
      }
      if (!sawTab) {
        metaLines.emplace_back(line);
        continue;
      }
      auto fields = tabFields(line);
      if (fields.size() == 1 && fields[0].empty() && static_cast<int64_t>(labels.size()) >= rows) continue;
      if (static_cast<int>(fields.size()) <= std::max(wordColumn, countColumn))
        throw Error(metaPath + ": line " + std::to_string(lineNo) + ": expected at least " +
                    std::to_string(std::max(wordColumn, countColumn) + 1) + " tab-separated fields");
      labels.emplace_back(fields[static_cast<size_t>(wordColumn)]);
      if (countColumn >= 0) {
        int64_t count = 0;
        const std::string_view f = fields[static_cast<size_t>(countColumn)];
        auto r = std::from_chars(f.data(), f.data() + f.size(), count);
        if (r.ec != std::errc() || r.ptr != f.data() + f.size() || count < 0)
          throw Error(metaPath + ": line " + std::to_string(lineNo) + ": count " + quoteWord(f) + " is not a whole number");
        counts.push_back(count);
      }
    }
    return true;
  });
  if (!sawTab) {
    // One label per line; a final empty line is the file's last newline, not a label.
    while (static_cast<int64_t>(metaLines.size()) > rows && metaLines.back().empty()) metaLines.pop_back();
    labels = std::move(metaLines);
  }
  const int64_t nLabels = static_cast<int64_t>(labels.size());
  if (options.maxRows > 0 && nLabels > rows) {
    labels.resize(static_cast<size_t>(rows));
    if (!counts.empty()) counts.resize(static_cast<size_t>(rows));
  } else if (nLabels != rows) {
    throw Error(metaPath + ": has " + std::to_string(nLabels) + " labels but " + path + " has " +
                std::to_string(rows) + " vectors");
  }
}

}  // namespace

EmbeddingSet loadProjectorTsv(const std::string& path, const WordVectorsLoadOptions& options,
                              WordVectorsLoadReport& report) {
  if (isMetadataName(path))
    throw Error(path + ": this is the metadata (labels) file of a projector pair; open the vectors file beside it");
  report.format = VectorFormat::ProjectorTsv;
  const int threads = resolveThreads(options.threads);
  InputFile in(path);
  const auto started = std::chrono::steady_clock::now();
  int64_t dim = 0;
  std::vector<float> matrix;
  ParsedLines parsed;
  int64_t rows = 0;
  int64_t firstBlank = 0;  // line number of the first blank line, 0: none yet
  forEachLineChunk(in, [&](const std::vector<std::string_view>& lines, int64_t firstLine) {
    checkStop(options, path);
    const size_t n = lines.size();
    if (dim == 0) {
      if (lines[0].find('\0') != std::string_view::npos) throw Error(path + ": not a text file (NUL bytes on line 1)");
      dim = countFields(lines[0]);
      if (dim <= 0) throw Error(path + ": line 1: no values");
      if (dim > kMaxDim) throw Error(path + ": line 1: " + std::to_string(dim) + " values is not a plausible dimension");
    }
    parseLines(path, lines, 0, firstLine, dim, false, threads, parsed);
    for (size_t i = 0; i < n; ++i) {
      // Only trailing blank lines are allowed: rows pair with metadata lines by position. The
      // first blank line is remembered (across chunks) and named when a row follows it; looking
      // ahead from every blank line instead took quadratic time on a long blank tail.
      const LineResult& result = parsed.results[i];
      if (result.blank) {
        if (firstBlank == 0) firstBlank = firstLine + static_cast<int64_t>(i);
        continue;
      }
      if (firstBlank > 0) throw Error(path + ": line " + std::to_string(firstBlank) + ": empty line");
      if (!result.error.empty())
        throw Error(path + ": line " + std::to_string(firstLine + static_cast<int64_t>(i)) + ": " + result.error);
      const float* row = parsed.row(i, dim);
      matrix.insert(matrix.end(), row, row + dim);
      ++rows;
      if (options.maxRows > 0 && rows >= options.maxRows) return false;
    }
    reportProgress(options, in, started);
    return true;
  });
  if (rows == 0) throw Error(path + ": no vectors in the file");

  // Labels from the metadata file beside it; row numbers when there is none.
  std::vector<std::string> labels;
  std::vector<int64_t> counts;
  const std::string metaPath = projectorMetadataPath(path);
  std::error_code ec;
  if (std::filesystem::exists(metaPath, ec)) {
    readMetadata(metaPath, path, rows, options, labels, counts);
  } else {
    labels.reserve(static_cast<size_t>(rows));
    for (int64_t r = 0; r < rows; ++r) labels.push_back(std::to_string(r));
  }

  EmbeddingSet set({}, static_cast<int>(dim));
  set.reserve(rows);
  for (int64_t r = 0; r < rows; ++r)
    appendRow(set, labels[r], matrix.data() + r * dim, counts.empty() ? 0 : counts[r], report);
  return set;
}

void saveProjectorTsv(const EmbeddingSet& set, const std::string& path) {
  const int dim = set.dim();
  AtomicFile vectors(path);
  writeRows(vectors, set.rows(), [&](int64_t r, std::string& text) {
    text.resize(static_cast<size_t>(dim) * 20 + 2);
    char* p = text.data();
    char* end = text.data() + text.size();
    const float* v = set.row(r);
    for (int d = 0; d < dim; ++d) {
      if (d > 0) *p++ = '\t';
      p = std::to_chars(p, end, v[d]).ptr;  // shortest text that reads back to the same float
    }
    *p++ = '\n';
    text.resize(static_cast<size_t>(p - text.data()));
  });

  const std::string metaPath = projectorMetadataPath(path);
  AtomicFile meta(metaPath);
  const auto& counts = set.counts();
  const bool withCounts = static_cast<int64_t>(counts.size()) == set.rows() &&
                          std::any_of(counts.begin(), counts.end(), [](int64_t c) { return c != 0; });
  std::string text;
  if (withCounts) text += "word\tcount\n";
  for (int64_t r = 0; r < set.rows(); ++r) {
    text += safeMetadata(set.label(r));
    if (withCounts) {
      text.push_back('\t');
      text.append(std::to_string(counts[r]));
    }
    text += '\n';
    if (text.size() > (1u << 20)) {
      meta.write(text);
      text.clear();
    }
  }
  meta.write(text);
  vectors.commit();
  meta.commit();
}

}  // namespace embedlab::wordvectors
