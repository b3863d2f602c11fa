#pragma once
// The text layouts of word vectors, line by line: a file read in chunks of complete lines, the
// "N D" header of word2vec text, and one row's values ("word v1 ... vD", or tab-separated values
// without a word in a projector TSV). Lines are independent, so readers parse a chunk's lines in
// parallel into one value buffer and append the rows in file order.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace embedlab::wordvectors {

class InputFile;

// Below this many values a chunk is parsed by one thread: waking a team costs more than it saves
// (milliseconds on a busy machine).
constexpr int64_t kParallelValues = 1 << 16;

inline bool isSeparator(char ch) { return ch == ' ' || ch == '\t'; }

struct Header {
  int64_t rows = 0;
  int64_t dim = 0;
};

// "N D" with nothing else on the line (besides blanks and a CR). False when the line is not that.
bool parseHeader(std::string_view line, Header& header);
// Throws Error naming the path when the numbers cannot describe a real file.
void checkHeader(const std::string& path, const Header& h);

// One parsed text line, or the reason it could not be.
struct LineResult {
  std::string_view label;
  std::string error;  // empty when fine
  bool blank = false;  // a blank line (skipped)
};

// Parses "label v1 ... vD" (or, when hasLabel is false, "v1\t...\tvD") into out[0..dim).
// Separators are runs of spaces/tabs; trailing blanks and a CR are ignored.
void parseLine(std::string_view line, bool hasLabel, int64_t dim, float* out, LineResult& result);
// Counts separated fields of a line (for the dimension of header-less formats).
int64_t countFields(std::string_view line);
bool blankLine(std::string_view line);

// Reads a text file chunk by chunk and hands the complete lines (without '\n') to
// onLines(lines, firstLineNumber), which returns false to stop reading. Lines are views into the
// chunk, valid during the call. A UTF-8 byte-order mark before the first line is skipped.
using LineChunkHandler = std::function<bool(const std::vector<std::string_view>& lines, int64_t firstLine)>;
void forEachLineChunk(InputFile& in, const LineChunkHandler& onLines);

// A chunk is parsed into (lines, dim) floats. Each valid line needs at least 2 bytes per value, so
// when lines x dim exceeds half the chunk's bytes some line is too short (a damaged header or a
// wrong file): find it and throw its error instead of allocating for lines that cannot be valid.
void reportShortLine(const std::string& path, const std::vector<std::string_view>& lines, size_t begin,
                     int64_t firstLine, int64_t dim, bool hasLabel);

// Where each line's values go in a chunk's value buffer: blank lines get none (kNoSlot), so that
// a few bytes of blank lines cannot make a header's dimension allocate gigabytes. Returns the
// number of rows that get a slot.
constexpr size_t kNoSlot = ~size_t{0};
size_t assignSlots(const std::vector<std::string_view>& lines, size_t begin, std::vector<size_t>& slots);

}  // namespace embedlab::wordvectors
