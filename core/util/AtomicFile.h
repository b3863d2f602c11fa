#pragma once
// Writes a file so that readers only ever see the old version or the complete new one: the data
// go to a temporary file in the same directory, which commit() flushes, fsyncs and renames over
// the target. Destroyed without commit() (an exception, a stop), the temporary file is removed and
// the target is untouched.
#include <cstdio>
#include <string>
#include <string_view>

namespace embedlab {

class AtomicFile {
 public:
  // Throws Error naming the path when the directory cannot be written.
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Buffered writes; throw Error naming the target on failure (e.g. disk full).
  void write(const void* data, size_t bytes);
  void write(std::string_view text) { write(text.data(), text.size()); }
  std::FILE* stream() { return file_; }  // for fprintf-style writers; errors are caught at commit()

  // Flush, fsync, rename. Throws Error naming the target on failure (and removes the temp file).
  void commit();

  const std::string& path() const { return path_; }
  const std::string& tempPath() const { return tempPath_; }

 private:
  void discard();
  std::string path_;
  std::string tempPath_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

// Whole-file convenience.
void writeFileAtomically(const std::string& path, std::string_view contents);

}  // namespace embedlab
