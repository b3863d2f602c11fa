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

// A chunk's lines, parsed. Blank lines take no room in values (a few bytes of blank lines must not
// make a header's dimension allocate gigabytes).
constexpr size_t kNoSlot = ~size_t{0};
struct ParsedLines {
  std::vector<float> values;        // (rows, dim): the values of the lines that hold a row
  std::vector<size_t> slots;        // per line: its row in values, kNoSlot for a blank line
  std::vector<LineResult> results;  // per line: its label, or its error, or blank
  const float* row(size_t line, int64_t dim) const { return values.data() + slots[line] * static_cast<size_t>(dim); }
};

// Parses lines[begin..] (line numbers from firstLine + begin) into out, in parallel: lines are
// independent, and readers then take the rows in file order (out's per-line vectors count from
// begin). A chunk whose lines are too short for dim values throws the first bad line's error
// before anything is allocated for it (a damaged header or a wrong file).
void parseLines(const std::string& path, const std::vector<std::string_view>& lines, size_t begin, int64_t firstLine,
                int64_t dim, bool hasLabel, int threads, ParsedLines& out);

}  // namespace embedlab::wordvectors
