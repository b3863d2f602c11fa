#include "core/io/WordVectors.h"

#include <omp.h>
#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <memory>
#include <new>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {

// Limits that separate a real file from garbage (a binary file read as text, a corrupt header).
constexpr int64_t kMaxDim = 1 << 20;         // no embedding has a million dimensions
constexpr size_t kMaxLabelBytes = 1 << 16;   // word2vec.c itself truncates words at 50 bytes
constexpr size_t kChunkBytes = 16u << 20;    // text is parsed 16 MiB at a time
// Below this many values a chunk is parsed by one thread: waking a team costs more than it saves
// (milliseconds on a busy machine).
constexpr int64_t kParallelValues = 1 << 16;
constexpr size_t kMaxLineBytes = 256u << 20; // a million values of ~50 characters fit
constexpr int64_t kReserveFloats = int64_t(1) << 28;  // never pre-allocate more than 1 GiB on a header's word

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string lowerAscii(std::string s) {
  for (char& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return s;
}

bool isSeparator(char ch) { return ch == ' ' || ch == '\t'; }
bool isBlank(char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\v' || ch == '\f'; }

// Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
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

// A word for messages: quoted, cut short, control bytes shown as '?'.
std::string quoteWord(std::string_view word) {
  std::string out = "'";
  for (char ch : word.substr(0, 40)) out += (static_cast<unsigned char>(ch) < 0x20) ? '?' : ch;
  if (word.size() > 40) out += "...";
  return out + "'";
}

int resolveThreads(int threads) { return threads > 0 ? threads : std::max(1, omp_get_max_threads()); }

// Sequential reader over a plain or gzip file (zlib passes plain files through unchanged).
class InputFile {
 public:
  explicit InputFile(const std::string& path) : path_(path) {
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) throw Error(path + ": no such file");
    if (std::filesystem::is_directory(status)) throw Error(path + ": is a directory, not a vectors file");
    size_ = static_cast<int64_t>(std::filesystem::file_size(path, ec));
    if (ec) throw Error(path + ": cannot read (" + ec.message() + ")");
    if (size_ == 0) throw Error(path + ": empty file");
    file_ = gzopen(path.c_str(), "rb");
    if (!file_) throw Error(path + ": cannot open (" + std::strerror(errno) + ")");
    gzbuffer(file_, 1 << 20);
    compressed_ = !gzdirect(file_);
  }
  ~InputFile() {
    if (file_) gzclose(file_);
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // Reads up to n bytes; returns how many (0 at the end). Throws on a read error (bad gzip data).
  size_t read(char* dst, size_t n) {
    size_t total = 0;
    while (total < n) {
      const unsigned want = static_cast<unsigned>(std::min<size_t>(n - total, 1u << 30));
      const int got = gzread(file_, dst + total, want);
      if (got < 0) {
        int err = 0;
        const char* msg = gzerror(file_, &err);
        throw Error(path_ + ": read error (" + (msg ? msg : "unknown") + ")");
      }
      if (got == 0) {
        // A gzip stream cut short reports "unexpected end of file" only through gzerror.
        int err = 0;
        const char* msg = gzerror(file_, &err);
        if (err != Z_OK && err != Z_STREAM_END)
          throw Error(path_ + ": read error (" + (msg ? msg : "unknown") + ")");
        break;
      }
      total += static_cast<size_t>(got);
    }
    return total;
  }

  int64_t size() const { return size_; }  // bytes on disk (compressed for .gz)
  bool compressed() const { return compressed_; }
  int64_t position() { return static_cast<int64_t>(gzoffset(file_)); }  // bytes of the disk file consumed
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  gzFile file_ = nullptr;
  int64_t size_ = 0;
  bool compressed_ = false;
};

// Byte-at-a-time access with a refillable buffer (for the binary layout).
class BufferedInput {
 public:
  explicit BufferedInput(InputFile& in) : in_(in), buffer_(1 << 20) {}
  // -1 at the end.
  int get() {
    if (pos_ == end_ && !refill()) return -1;
    return static_cast<unsigned char>(buffer_[pos_++]);
  }
  int peek() {
    if (pos_ == end_ && !refill()) return -1;
    return static_cast<unsigned char>(buffer_[pos_]);
  }
  size_t read(char* dst, size_t n) {
    size_t done = 0;
    while (done < n) {
      if (pos_ == end_ && !refill()) break;
      const size_t take = std::min(n - done, end_ - pos_);
      std::memcpy(dst + done, buffer_.data() + pos_, take);
      pos_ += take;
      done += take;
    }
    return done;
  }

 private:
  bool refill() {
    pos_ = 0;
    end_ = in_.read(buffer_.data(), buffer_.size());
    return end_ > 0;
  }
  InputFile& in_;
  std::vector<char> buffer_;
  size_t pos_ = 0, end_ = 0;
};

struct Header {
  int64_t rows = 0;
  int64_t dim = 0;
};

// "N D" with nothing else on the line (besides blanks and a CR). False when the line is not that.
bool parseHeader(std::string_view line, Header& header) {
  const char* p = line.data();
  const char* end = p + line.size();
  while (end > p && isBlank(end[-1])) --end;
  while (p < end && isSeparator(*p)) ++p;
  auto r1 = std::from_chars(p, end, header.rows);
  if (r1.ec != std::errc() || r1.ptr == end || !isSeparator(*r1.ptr)) return false;
  p = r1.ptr;
  while (p < end && isSeparator(*p)) ++p;
  auto r2 = std::from_chars(p, end, header.dim);
  return r2.ec == std::errc() && r2.ptr == end;
}

void checkHeader(const std::string& path, const Header& h) {
  if (h.rows < 0) throw Error(path + ": line 1: bad header: negative row count " + std::to_string(h.rows));
  if (h.dim <= 0) throw Error(path + ": line 1: bad header: dimension " + std::to_string(h.dim) + " must be positive");
  if (h.dim > kMaxDim)
    throw Error(path + ": line 1: bad header: dimension " + std::to_string(h.dim) + " is not plausible (over " +
                std::to_string(kMaxDim) + ")");
}

// One parsed text line, or the reason it could not be.
struct LineResult {
  std::string_view label;
  std::string error;  // empty when fine
  bool blank = false;  // a blank line (skipped)
};

// Parses "label v1 ... vD" (or, when hasLabel is false, "v1\t...\tvD") into out[0..dim).
// Separators are runs of spaces/tabs; trailing blanks and a CR are ignored.
void parseLine(std::string_view line, bool hasLabel, int64_t dim, float* out, LineResult& result) {
  const char* p = line.data();
  const char* end = p + line.size();
  while (end > p && isBlank(end[-1])) --end;
  if (hasLabel) {
    if (p < end && isSeparator(*p)) {
      result.error = "the line starts with a blank (empty word)";
      return;
    }
    const char* labelEnd = p;
    while (labelEnd < end && !isSeparator(*labelEnd)) ++labelEnd;
    result.label = std::string_view(p, static_cast<size_t>(labelEnd - p));
    if (!validUtf8(result.label)) {
      result.error = "the word is not valid UTF-8";
      return;
    }
    p = labelEnd;
  }
  int64_t count = 0;
  while (true) {
    while (p < end && isSeparator(*p)) ++p;
    if (p == end) break;
    const char* tokenEnd = p;
    while (tokenEnd < end && !isSeparator(*tokenEnd)) ++tokenEnd;
    if (count < dim) {
      const char* start = (*p == '+') ? p + 1 : p;  // from_chars has no leading '+'
      float value = 0;
      auto r = std::from_chars(start, tokenEnd, value);
      if (r.ec == std::errc::result_out_of_range) {
        result.error = "value '" + std::string(p, tokenEnd) + "' is out of the float range";
        return;
      }
      if (r.ec != std::errc() || r.ptr != tokenEnd) {
        result.error = "value " + quoteWord(std::string_view(p, static_cast<size_t>(tokenEnd - p))) + " is not a number";
        return;
      }
      if (!std::isfinite(value)) {
        result.error = "value '" + std::string(p, tokenEnd) + "' is not finite (NaN or infinity)";
        return;
      }
      out[count] = value;
    }
    ++count;
    p = tokenEnd;
  }
  if (count != dim)
    result.error = "expected " + std::to_string(dim) + " values, found " + std::to_string(count);
}

// Counts separated fields of a line (for the dimension of header-less formats).
int64_t countFields(std::string_view line) {
  const char* p = line.data();
  const char* end = p + line.size();
  while (end > p && isBlank(end[-1])) --end;
  int64_t n = 0;
  while (p < end) {
    while (p < end && isSeparator(*p)) ++p;
    if (p == end) break;
    ++n;
    while (p < end && !isSeparator(*p)) ++p;
  }
  return n;
}

bool blankLine(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char ch) { return isBlank(ch); });
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

// Reads a text file chunk by chunk and hands the complete lines (without '\n') to
// onLines(lines, firstLineNumber). Lines are views into the chunk, valid during the call.
template <class OnLines>
void forEachLineChunk(InputFile& in, OnLines&& onLines) {
  // Small files get a small buffer (it is zero-filled, and tools load many small files).
  const size_t initial = in.compressed() ? (4u << 20) : static_cast<size_t>(std::min<int64_t>(in.size() + 1, kChunkBytes));
  std::vector<char> buffer(std::max<size_t>(initial, 4096));
  size_t carry = 0;  // bytes of an incomplete line kept from the previous chunk
  int64_t lineNumber = 1;
  bool eof = false;
  std::vector<std::string_view> lines;
  while (!eof) {
    if (carry == buffer.size()) {  // a line longer than a chunk
      if (buffer.size() >= kMaxLineBytes)
        throw Error(in.path() + ": line " + std::to_string(lineNumber) + " is longer than " +
                    std::to_string(kMaxLineBytes >> 20) + " MiB (not a vectors text file?)");
      buffer.resize(buffer.size() * 2);
    }
    const size_t got = in.read(buffer.data() + carry, buffer.size() - carry);
    eof = got == 0;
    const size_t filled = carry + got;
    // Complete lines end at the last '\n'; at the end of the file the rest is a line too.
    size_t complete = filled;
    if (!eof) {
      const char* last = static_cast<const char*>(memrchr(buffer.data(), '\n', filled));
      complete = last ? static_cast<size_t>(last - buffer.data()) + 1 : 0;
    }
    lines.clear();
    size_t pos = 0;
    // A UTF-8 byte-order mark (Windows editors) is not part of the first word or the header.
    if (lineNumber == 1 && complete >= 3 && std::memcmp(buffer.data(), "\xEF\xBB\xBF", 3) == 0) pos = 3;
    while (pos < complete) {
      const char* nl = static_cast<const char*>(std::memchr(buffer.data() + pos, '\n', complete - pos));
      const size_t stop = nl ? static_cast<size_t>(nl - buffer.data()) : complete;
      lines.emplace_back(buffer.data() + pos, stop - pos);
      pos = nl ? stop + 1 : complete;
    }
    if (!lines.empty()) {
      if (!onLines(lines, lineNumber)) return;
      lineNumber += static_cast<int64_t>(lines.size());
    }
    carry = filled - complete;
    if (carry > 0 && complete > 0) std::memmove(buffer.data(), buffer.data() + complete, carry);
    if (eof) break;
  }
}

// A chunk is parsed into (lines, dim) floats. Each valid line needs at least 2 bytes per value, so
// when lines x dim exceeds half the chunk's bytes some line is too short (a damaged header or a
// wrong file): find it and throw its error instead of allocating for lines that cannot be valid.
void reportShortLine(const std::string& path, const std::vector<std::string_view>& lines, size_t begin,
                     int64_t firstLine, int64_t dim, bool hasLabel) {
  if (begin >= lines.size()) return;
  const size_t bytes = static_cast<size_t>(lines.back().data() + lines.back().size() - lines[begin].data());
  size_t n = 0;  // lines that hold a row (blank lines take no values)
  for (size_t i = begin; i < lines.size(); ++i) n += !blankLine(lines[i]);
  if (n * static_cast<size_t>(dim) <= bytes / 2 + static_cast<size_t>(dim)) return;
  std::vector<float> one(static_cast<size_t>(dim));
  for (size_t i = begin; i < lines.size(); ++i) {
    if (blankLine(lines[i])) continue;
    LineResult r;
    parseLine(lines[i], hasLabel, dim, one.data(), r);
    if (!r.error.empty())
      throw Error(path + ": line " + std::to_string(firstLine + static_cast<int64_t>(i)) + ": " + r.error);
  }
}

// Where each line's values go in a chunk's value buffer: blank lines get none (kNoSlot), so that
// a few bytes of blank lines cannot make a header's dimension allocate gigabytes.
constexpr size_t kNoSlot = ~size_t{0};
size_t assignSlots(const std::vector<std::string_view>& lines, size_t begin, std::vector<size_t>& slots) {
  slots.resize(lines.size() - begin);
  size_t rows = 0;
  for (size_t i = begin; i < lines.size(); ++i) slots[i - begin] = blankLine(lines[i]) ? kNoSlot : rows++;
  return rows;
}

// Appends one parsed row, applying the duplicate policy (first row wins).
void appendRow(EmbeddingSet& set, std::string_view label, const float* vec, int64_t count,
               WordVectorsLoadReport& report) {
  if (set.find(label) >= 0) {
    ++report.duplicatesSkipped;
    return;
  }
  set.addRow(std::string(label), vec, count);
}

// Word2vec text (with header) and GloVe text (without). For GloVe the dimension comes from the
// first data line.
EmbeddingSet loadText(const std::string& path, VectorFormat requested, const WordVectorsLoadOptions& options,
                      WordVectorsLoadReport& report) {
  InputFile in(path);
  const auto started = std::chrono::steady_clock::now();
  const int threads = resolveThreads(options.threads);
  bool decided = false;  // header seen / format settled
  bool withHeader = false;
  Header header;
  EmbeddingSet set;
  int64_t fileRows = 0;  // data rows read (duplicates included)
  std::vector<float> values;
  std::vector<size_t> slots;
  std::vector<LineResult> results;
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
    reportShortLine(path, lines, begin, firstLine, dim, true);
    const size_t filled = assignSlots(lines, begin, slots);
    values.resize(filled * static_cast<size_t>(dim));
    results.assign(n, LineResult{});
    // Lines are independent: parse them in parallel, then append in file order.
#pragma omp parallel for num_threads(threads) schedule(dynamic, 256) if (filled * dim >= kParallelValues)
    for (int64_t i = 0; i < static_cast<int64_t>(n); ++i) {
      if (slots[i] == kNoSlot) {
        results[i].blank = true;
        continue;
      }
      parseLine(lines[begin + static_cast<size_t>(i)], true, dim, values.data() + slots[i] * dim, results[i]);
    }
    for (size_t i = 0; i < n; ++i) {
      const int64_t lineNo = firstLine + static_cast<int64_t>(begin + i);
      if (results[i].blank) continue;
      if (withHeader && fileRows == header.rows) {
        if (options.maxRows > 0 && fileRows >= options.maxRows) return false;
        throw Error(path + ": line " + std::to_string(lineNo) + ": more rows than the header's " +
                    std::to_string(header.rows));
      }
      if (!results[i].error.empty()) throw Error(path + ": line " + std::to_string(lineNo) + ": " + results[i].error);
      appendRow(set, results[i].label, values.data() + slots[i] * dim, 0, report);
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

EmbeddingSet loadBinary(const std::string& path, const WordVectorsLoadOptions& options, WordVectorsLoadReport& report) {
  InputFile in(path);
  BufferedInput input(in);
  const auto started = std::chrono::steady_clock::now();

  std::string headerLine;
  for (int ch; (ch = input.get()) != '\n';) {
    if (ch < 0 || headerLine.size() > 64)
      throw Error(path + ": bad header: expected \"rows dim\" on the first line of a word2vec binary file");
    headerLine.push_back(static_cast<char>(ch));
  }
  Header header;
  if (!parseHeader(headerLine, header))
    throw Error(path + ": bad header: expected \"rows dim\", found " + quoteWord(headerLine));
  checkHeader(path, header);
  report.format = VectorFormat::Word2VecBinary;
  report.headerRows = header.rows;

  const int64_t dim = header.dim;
  const int64_t rowBytes = 4 * dim;
  int64_t expect = header.rows;
  if (options.maxRows > 0) expect = std::min(expect, options.maxRows);
  if (!in.compressed()) {
    // Each row needs at least a 1-byte word, a space and the floats: catch a truncated file (or a
    // text file given a .bin name) before allocating what the header asks for.
    const int64_t available = in.size() - static_cast<int64_t>(headerLine.size()) - 1;
    const int64_t fit = available / (rowBytes + 2);
    if (fit < expect)
      throw Error(path + ": truncated: the header announces " + std::to_string(header.rows) + " rows of " +
                  std::to_string(dim) + " floats, but the file has room for at most " + std::to_string(fit));
  }
  EmbeddingSet set({}, static_cast<int>(dim));
  set.reserve(std::min<int64_t>(in.compressed() ? std::min<int64_t>(expect, 1 << 20) : expect, kReserveFloats / dim));

  std::string word;
  std::vector<float> vec(static_cast<size_t>(dim));
  for (int64_t r = 0; r < expect; ++r) {
    if ((r & 4095) == 0) {
      checkStop(options, path);
      if (r > 0) reportProgress(options, in, started);
    }
    // word2vec.c ends each row with '\n', gensim does not: skip newlines before a word.
    int ch = input.get();
    while (ch == '\n' || ch == '\r') ch = input.get();
    if (ch < 0)
      throw Error(path + ": truncated: the header announces " + std::to_string(header.rows) +
                  " rows but the file ends after " + std::to_string(r));
    word.clear();
    while (ch != ' ') {
      if (ch < 0)
        throw Error(path + ": truncated: the file ends inside the word of row " + std::to_string(r + 1));
      word.push_back(static_cast<char>(ch));
      if (word.size() > kMaxLabelBytes)
        throw Error(path + ": row " + std::to_string(r + 1) + ": no space after " + std::to_string(kMaxLabelBytes) +
                    " bytes (not a word2vec binary file, or a wrong dimension in the header)");
      ch = input.get();
    }
    if (word.empty()) throw Error(path + ": row " + std::to_string(r + 1) + ": empty word (a space where the word should start)");
    if (!validUtf8(word)) throw Error(path + ": row " + std::to_string(r + 1) + ": the word is not valid UTF-8");
    if (input.read(reinterpret_cast<char*>(vec.data()), static_cast<size_t>(rowBytes)) != static_cast<size_t>(rowBytes))
      throw Error(path + ": truncated: the file ends inside the vector of row " + std::to_string(r + 1) + " (" +
                  quoteWord(word) + ")");
    if constexpr (std::endian::native == std::endian::big) {
      for (float& v : vec) v = std::bit_cast<float>(__builtin_bswap32(std::bit_cast<uint32_t>(v)));
    }
    for (int64_t d = 0; d < dim; ++d) {
      if (!std::isfinite(vec[d]))
        throw Error(path + ": row " + std::to_string(r + 1) + " (" + quoteWord(word) + "): value " + std::to_string(d + 1) +
                    " is not finite (NaN or infinity)");
    }
    appendRow(set, word, vec.data(), 0, report);
  }
  if (!(options.maxRows > 0 && expect == options.maxRows && expect < header.rows)) {
    // All rows read: what follows may only be line ends.
    for (int ch; (ch = input.get()) >= 0;) {
      if (!isBlank(static_cast<char>(ch)))
        throw Error(path + ": more data after the " + std::to_string(header.rows) +
                    " rows the header announces (wrong header?)");
    }
  }
  return set;
}

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

EmbeddingSet loadProjector(const std::string& path, const WordVectorsLoadOptions& options,
                           WordVectorsLoadReport& report) {
  if (isMetadataName(path))
    throw Error(path + ": this is the metadata (labels) file of a projector pair; open the vectors file beside it");
  report.format = VectorFormat::ProjectorTsv;
  const int threads = resolveThreads(options.threads);
  InputFile in(path);
  const auto started = std::chrono::steady_clock::now();
  int64_t dim = 0;
  std::vector<float> matrix;
  std::vector<float> values;
  std::vector<size_t> slots;
  std::vector<LineResult> results;
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
    reportShortLine(path, lines, 0, firstLine, dim, false);
    const size_t filled = assignSlots(lines, 0, slots);
    values.resize(filled * static_cast<size_t>(dim));
    results.assign(n, LineResult{});
#pragma omp parallel for num_threads(threads) schedule(dynamic, 256) if (filled * dim >= kParallelValues)
    for (int64_t i = 0; i < static_cast<int64_t>(n); ++i) {
      if (slots[i] == kNoSlot) {
        results[i].blank = true;
        continue;
      }
      parseLine(lines[i], false, dim, values.data() + slots[i] * dim, results[i]);
    }
    for (size_t i = 0; i < n; ++i) {
      // Only trailing blank lines are allowed: rows pair with metadata lines by position. The
      // first blank line is remembered (across chunks) and named when a row follows it; looking
      // ahead from every blank line instead took quadratic time on a long blank tail.
      if (results[i].blank) {
        if (firstBlank == 0) firstBlank = firstLine + static_cast<int64_t>(i);
        continue;
      }
      if (firstBlank > 0) throw Error(path + ": line " + std::to_string(firstBlank) + ": empty line");
      if (!results[i].error.empty())
        throw Error(path + ": line " + std::to_string(firstLine + static_cast<int64_t>(i)) + ": " + results[i].error);
      matrix.insert(matrix.end(), values.begin() + slots[i] * dim, values.begin() + (slots[i] + 1) * dim);
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

// ---- writing ----

// Whitespace cannot be stored inside a word in these formats.
std::string safeWord(const std::string& label) {
  if (label.empty()) return "_";
  std::string out = label;
  for (char& ch : out)
    if (isBlank(ch)) ch = '_';
  return out;
}

std::string safeMetadata(const std::string& label) {
  std::string out = label;
  for (char& ch : out)
    if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
  return out;
}

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

// Formats rows [begin, end) in parallel into one string per row, then writes them in order.
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

void saveText(const EmbeddingSet& set, const std::string& path, bool header) {
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

void saveBinary(const EmbeddingSet& set, const std::string& path) {
  AtomicFile out(path);
  const int dim = set.dim();
  out.write(std::to_string(set.rows()) + " " + std::to_string(dim) + "\n");
  std::vector<float> le(static_cast<size_t>(dim));
  for (int64_t r = 0; r < set.rows(); ++r) {
    const std::string word = safeWord(set.label(r)) + " ";
    out.write(word);
    const float* v = set.row(r);
    if constexpr (std::endian::native == std::endian::big) {
      for (int d = 0; d < dim; ++d) le[d] = std::bit_cast<float>(__builtin_bswap32(std::bit_cast<uint32_t>(v[d])));
      v = le.data();
    }
    out.write(v, sizeof(float) * static_cast<size_t>(dim));
    out.write("\n", 1);
  }
  out.commit();
}

void saveProjector(const EmbeddingSet& set, const std::string& path) {
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

}  // namespace

VectorFormat vectorFormatFromPath(const std::string& path) {
  std::string name = lowerAscii(std::filesystem::path(path).filename().string());
  if (endsWith(name, ".gz")) name.resize(name.size() - 3);
  if (endsWith(name, ".bin")) return VectorFormat::Word2VecBinary;
  if (endsWith(name, ".vec") || endsWith(name, ".txt")) return VectorFormat::Word2VecText;
  if (endsWith(name, ".tsv")) return VectorFormat::ProjectorTsv;
  throw Error(path + ": unknown vectors format (use a name ending in .vec, .txt, .bin or .tsv)");
}

const char* vectorFormatName(VectorFormat format) {
  switch (format) {
    case VectorFormat::Auto: return "auto";
    case VectorFormat::Word2VecText: return "word2vec text";
    case VectorFormat::Word2VecBinary: return "word2vec binary";
    case VectorFormat::GloveText: return "GloVe text";
    case VectorFormat::ProjectorTsv: return "projector TSV";
  }
  return "?";
}

std::string projectorMetadataPath(const std::string& vectorsPath) {
  std::filesystem::path p(vectorsPath);
  const std::string name = p.filename().string();
  if (name == "vectors.tsv") return (p.parent_path() / "metadata.tsv").string();
  std::string stem = vectorsPath;
  if (endsWith(lowerAscii(stem), ".tsv")) stem.resize(stem.size() - 4);
  return stem + ".metadata.tsv";
}

EmbeddingSet loadWordVectors(const std::string& path, VectorFormat format, int64_t maxRows) {
  WordVectorsLoadOptions options;
  options.format = format;
  options.maxRows = maxRows;
  return loadWordVectors(path, options);
}

EmbeddingSet loadWordVectors(const std::string& path, const WordVectorsLoadOptions& options,
                             WordVectorsLoadReport* report) {
  WordVectorsLoadReport local;
  WordVectorsLoadReport& rep = report ? *report : local;
  rep = WordVectorsLoadReport{};
  const VectorFormat format = options.format == VectorFormat::Auto ? vectorFormatFromPath(path) : options.format;
  try {
    switch (format) {
      case VectorFormat::Word2VecBinary: return loadBinary(path, options, rep);
      case VectorFormat::ProjectorTsv: return loadProjector(path, options, rep);
      case VectorFormat::GloveText:
      case VectorFormat::Word2VecText:
      case VectorFormat::Auto: break;
    }
    // .vec/.txt by extension: the header decides between word2vec text and GloVe.
    const VectorFormat requested = options.format == VectorFormat::Auto ? VectorFormat::Auto : format;
    return loadText(path, requested, options, rep);
  } catch (const std::bad_alloc&) {
    throw Error(path + ": not enough memory to load these vectors");
  } catch (const std::length_error&) {
    throw Error(path + ": not enough memory to load these vectors");
  }
}

void saveWordVectors(const EmbeddingSet& set, const std::string& path, VectorFormat format) {
  if (format == VectorFormat::Auto) {
    if (endsWith(lowerAscii(path), ".gz")) throw Error(path + ": writing compressed vectors is not supported");
    format = vectorFormatFromPath(path);
  }
  if (set.dim() <= 0) throw Error(path + ": cannot save vectors of dimension " + std::to_string(set.dim()));
  switch (format) {
    case VectorFormat::Word2VecText: return saveText(set, path, true);
    case VectorFormat::GloveText: return saveText(set, path, false);
    case VectorFormat::Word2VecBinary: return saveBinary(set, path);
    case VectorFormat::ProjectorTsv: return saveProjector(set, path);
    case VectorFormat::Auto: break;
  }
}

}  // namespace embedlab
