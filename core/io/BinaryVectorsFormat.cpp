#include "core/io/BinaryVectorsFormat.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstring>
#include <vector>

#include "core/io/InputFile.h"
#include "core/io/VectorLines.h"
#include "core/io/VectorRows.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab::wordvectors {

namespace {

constexpr size_t kMaxLabelBytes = 1 << 16;   // word2vec.c itself truncates words at 50 bytes

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

}  // namespace

EmbeddingSet loadBinaryVectors(const std::string& path, const WordVectorsLoadOptions& options,
                               WordVectorsLoadReport& report) {
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

void saveBinaryVectors(const EmbeddingSet& set, const std::string& path) {
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

}  // namespace embedlab::wordvectors
