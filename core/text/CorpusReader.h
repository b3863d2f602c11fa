#pragma once
// Streaming reader of a text corpus (plain or .gz), one line at a time, in bounded memory.
// Every line it hands out is valid UTF-8 without its terminator: CRLF and a leading BOM are
// removed, NUL bytes dropped, invalid UTF-8 bytes replaced by U+FFFD and counted.
// A line longer than Options::maxLineBytes is handed out in pieces, cut at a character
// boundary (preferably at whitespace), so memory never grows with the length of a line.
#include <cstdint>
#include <memory>
#include <string>

namespace embedlab {

class CorpusReader {
 public:
  struct Options {
    int64_t maxLineBytes = 1 << 20;  // longer lines arrive in pieces of at most this size
                                     //   (a single character longer than it comes whole)
    int part = 0;                    // read only part `part` of `parts` (for worker threads):
    int parts = 1;                   //   plain files: a byte range cut at line starts;
                                     //   .gz: every line whose index % parts == part
  };

  // Opens the file; throws embedlab::Error naming the path when it is missing, unreadable,
  // a directory (or another non-regular file), or clearly binary (NUL-heavy or a known binary
  // signature in its first bytes).
  // Gzip is recognised by its magic bytes, not its name.
  explicit CorpusReader(const std::string& path);
  CorpusReader(const std::string& path, const Options& options);
  ~CorpusReader();
  CorpusReader(const CorpusReader&) = delete;
  CorpusReader& operator=(const CorpusReader&) = delete;

  // Next line (or piece of a long line). False at the end of this reader's part.
  // Throws embedlab::Error naming the path on a read error or a corrupt/truncated .gz stream.
  bool nextLine(std::string& line);

  // Rewinds to the start of this reader's part (for another epoch).
  void rewind();

  const std::string& path() const;
  bool compressed() const;
  int64_t fileBytes() const;      // size of the file on disk
  int64_t bytesConsumed() const;  // file bytes consumed so far (for progress: / fileBytes());
                                  //   with parts, this part's share: the parts add up to fileBytes()
  int64_t linesRead() const;
  int64_t invalidUtf8() const;    // invalid bytes replaced so far
  int64_t nulBytes() const;       // NUL bytes dropped so far
  int64_t textBytes() const;      // decoded bytes of this part's lines so far, terminators included
                                  // (the uncompressed size of the text; counters restart at rewind())

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace embedlab
