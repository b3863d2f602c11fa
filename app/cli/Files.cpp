#include "app/cli/Files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/util/Error.h"

namespace embedlab::cli {

namespace fs = std::filesystem;

std::string executableDir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw Error("cannot find the running executable (/proc/self/exe): " + ec.message());
  return exe.parent_path().string();
}

std::string defaultCorpusPath() {
  const fs::path path = fs::path(executableDir()) / ".." / "share" / "embedlab" / "default-corpus.txt";
  const std::string shown = path.lexically_normal().string();
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw Error("no --corpus given and the default corpus " + shown +
                " is missing (it is built from wordnet-base at set-up: run scripts/run.sh)");
  return shown;
}

int64_t requireInputFile(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) throw Error(path + ": " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw Error(path + ": is a directory, not a file");
  if (!S_ISREG(st.st_mode)) throw Error(path + ": not a regular file");
  if (access(path.c_str(), R_OK) != 0) throw Error(path + ": " + std::strerror(errno));
  if (st.st_size == 0) throw Error(path + ": empty file");
  return static_cast<int64_t>(st.st_size);
}

void requireWritableOutput(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw Error(path + ": is a directory, cannot write a file there");
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  if (!fs::is_directory(dir, ec)) throw Error(path + ": directory " + dir.string() + " does not exist");
  if (access(dir.c_str(), W_OK) != 0)
    throw Error(path + ": cannot write to directory " + dir.string() + ": " + std::strerror(errno));
}

std::string extensionOf(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  if (!ext.empty()) ext.erase(0, 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace embedlab::cli
