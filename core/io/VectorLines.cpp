#include "core/io/VectorLines.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "core/io/InputFile.h"
#include "core/io/VectorRows.h"
#include "core/util/Error.h"

namespace embedlab::wordvectors {

namespace {

constexpr size_t kChunkBytes = 16u << 20;     // text is parsed 16 MiB at a time
constexpr size_t kMaxLineBytes = 256u << 20;  // a million values of ~50 characters fit
// Below this many values a chunk is parsed by one thread: waking a team costs more than it saves
// (milliseconds on a busy machine).
constexpr int64_t kParallelValues = 1 << 16;

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

// Where each line's values go in the value buffer: blank lines get none (kNoSlot). Returns the
// number of rows that get a slot.
size_t assignSlots(const std::vector<std::string_view>& lines, size_t begin, std::vector<size_t>& slots) {
  slots.resize(lines.size() - begin);
  size_t rows = 0;
  for (size_t i = begin; i < lines.size(); ++i) slots[i - begin] = blankLine(lines[i]) ? kNoSlot : rows++;
  return rows;
}

}  // namespace

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

void forEachLineChunk(InputFile& in, const LineChunkHandler& onLines) {
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

void parseLines(const std::string& path, const std::vector<std::string_view>& lines, size_t begin, int64_t firstLine,
                int64_t dim, bool hasLabel, int threads, ParsedLines& out) {
  const size_t n = lines.size() - begin;
  reportShortLine(path, lines, begin, firstLine, dim, hasLabel);
  const size_t filled = assignSlots(lines, begin, out.slots);
  out.values.resize(filled * static_cast<size_t>(dim));
  out.results.assign(n, LineResult{});
  const std::vector<size_t>& slots = out.slots;
#pragma omp parallel for num_threads(threads) schedule(dynamic, 256) if (filled * dim >= kParallelValues)
  for (int64_t i = 0; i < static_cast<int64_t>(n); ++i) {
    if (slots[i] == kNoSlot) {
      out.results[i].blank = true;
      continue;
    }
    parseLine(lines[begin + static_cast<size_t>(i)], hasLabel, dim, out.values.data() + slots[i] * dim, out.results[i]);
  }
}

}  // namespace embedlab::wordvectors
