#include "core/util/AtomicFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/util/Error.h"

namespace embedlab {

namespace {
std::string describeErrno(int err) { return std::strerror(err); }
}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  if (path_.empty()) throw Error("cannot write a file with an empty name");
  std::filesystem::path target(path_);
  if (std::filesystem::is_directory(target)) throw Error(path_ + ": is a directory");
  std::string pattern = path_ + ".tmp-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  int fd = ::mkstemp(buf.data());
  if (fd < 0) throw Error(path_ + ": cannot create a file there (" + describeErrno(errno) + ")");
  tempPath_.assign(buf.data());
  // mkstemp creates 0600; give the file the usual permissions (subject to the umask).
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  file_ = ::fdopen(fd, "wb");
  if (!file_) {
    int err = errno;
    ::close(fd);
    ::unlink(tempPath_.c_str());
    throw Error(path_ + ": cannot open for writing (" + describeErrno(err) + ")");
  }
}

AtomicFile::~AtomicFile() {
  if (!committed_) discard();
}

void AtomicFile::discard() {
  if (file_) {
    std::fclose(file_);
    file_ = nullptr;
  }
  if (!tempPath_.empty()) ::unlink(tempPath_.c_str());
}

void AtomicFile::write(const void* data, size_t bytes) {
  if (!file_) throw Error(path_ + ": write after commit");
  if (bytes && std::fwrite(data, 1, bytes, file_) != bytes) {
    int err = errno;
    discard();
    throw Error(path_ + ": write failed (" + describeErrno(err) + ")");
  }
}

void AtomicFile::commit() {
  if (!file_) throw Error(path_ + ": commit twice");
  bool ok = std::fflush(file_) == 0 && !std::ferror(file_);
  int err = errno;
  if (ok && ::fsync(::fileno(file_)) != 0) {
    ok = false;
    err = errno;
  }
  if (std::fclose(file_) != 0 && ok) {
    ok = false;
    err = errno;
  }
  file_ = nullptr;
  if (!ok) {
    ::unlink(tempPath_.c_str());
    throw Error(path_ + ": write failed (" + describeErrno(err) + ")");
  }
  if (::rename(tempPath_.c_str(), path_.c_str()) != 0) {
    err = errno;
    ::unlink(tempPath_.c_str());
    throw Error(path_ + ": cannot replace the file (" + describeErrno(err) + ")");
  }
  committed_ = true;
}

void writeFileAtomically(const std::string& path, std::string_view contents) {
  AtomicFile file(path);
  file.write(contents);
  file.commit();
}

}  // namespace embedlab
