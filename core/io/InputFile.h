#pragma once
// Sequential reader over a plain or gzip-compressed file, for the word-vector readers: zlib reads
// a plain file through unchanged, so every format takes .gz files for free. Opening checks what a
// person gets wrong (missing, a directory, empty) and throws Error naming the path.
#include <cstddef>
#include <cstdint>
#include <string>

struct gzFile_s;   // zlib's handle (gzFile), kept out of this header

namespace embedlab::wordvectors {

class InputFile {
 public:
  explicit InputFile(const std::string& path);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // Reads up to n bytes; returns how many (0 at the end). Throws on a read error (bad gzip data).
  size_t read(char* dst, size_t n);

  int64_t size() const { return size_; }  // bytes on disk (compressed for .gz)
  bool compressed() const { return compressed_; }
  int64_t position();                     // bytes of the disk file consumed
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  gzFile_s* file_ = nullptr;
  int64_t size_ = 0;
  bool compressed_ = false;
};

}  // namespace embedlab::wordvectors
