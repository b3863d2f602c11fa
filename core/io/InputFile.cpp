#include "core/io/InputFile.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/util/Error.h"

namespace embedlab::wordvectors {

InputFile::InputFile(const std::string& path) : path_(path) {
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

InputFile::~InputFile() {
  if (file_) gzclose(file_);
}

size_t InputFile::read(char* dst, size_t n) {
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
      if (err != Z_OK && err != Z_STREAM_END) throw Error(path_ + ": read error (" + (msg ? msg : "unknown") + ")");
      break;
    }
    total += static_cast<size_t>(got);
  }
  return total;
}

int64_t InputFile::position() { return static_cast<int64_t>(gzoffset(file_)); }

}  // namespace embedlab::wordvectors
