#pragma once
// Shared by the libFuzzer targets: the input bytes as a file, and the one rule every reader must
// keep — a bad file gives embedlab::Error (a message for a person), never a crash, a sanitizer
// report, a hang or an exception of another type. Anything else aborts with the type and message,
// so libFuzzer saves the input as a crash reproducer.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>
#include <typeinfo>

#include "core/util/Error.h"

namespace embedlab::fuzz {

// One scratch directory per fuzzing process (libFuzzer's -fork/-jobs start several), removed at
// exit. /dev/shm when it exists: the targets write a file per input, tmpfs keeps that cheap.
inline const std::string& scratchDir() {
  // The path also lives in a plain buffer: the clean-up at exit must not read a std::string that
  // static destruction may already have destroyed.
  static char removeAtExit[4096];
  static const std::string dir = [] {
    const char* base = std::getenv("EMBEDLAB_FUZZ_TMP");
    std::string pattern = std::string(base ? base : (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp")) +
                          "/embedlab-fuzz-XXXXXX";
    if (pattern.size() >= sizeof removeAtExit || !mkdtemp(pattern.data())) {
      std::perror("embedlab fuzz: mkdtemp");
      std::abort();
    }
    std::snprintf(removeAtExit, sizeof removeAtExit, "%s", pattern.c_str());
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(removeAtExit, ec);
    });
    return pattern;
  }();
  return dir;
}

// Writes bytes to scratchDir()/name (replacing it) and returns the path.
inline std::string writeFile(const std::string& name, std::string_view bytes) {
  const std::string path = scratchDir() + "/" + name;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || (bytes.size() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) || std::fclose(f) != 0) {
    std::perror(("embedlab fuzz: cannot write " + path).c_str());
    std::abort();
  }
  return path;
}

inline void removeFile(const std::string& name) { std::remove((scratchDir() + "/" + name).c_str()); }

// A property that must hold for every input (an invariant of the reader's result).
#define EMBEDLAB_FUZZ_CHECK(cond)                                                              \
  do {                                                                                        \
    if (!(cond)) {                                                                            \
      std::fprintf(stderr, "embedlab fuzz: check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                           \
    }                                                                                         \
  } while (0)

// Runs `body`; embedlab::Error is the expected answer to bad input, anything else is a bug.
// Returns true when body finished without an exception.
template <class Body>
bool onlyErrors(const char* what, Body&& body) {
  try {
    body();
    return true;
  } catch (const embedlab::Error&) {
    return false;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "embedlab fuzz: %s threw %s, not embedlab::Error: %s\n", what, typeid(e).name(), e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "embedlab fuzz: %s threw a non-std exception\n", what);
    std::abort();
  }
}

// Splits an input at the first occurrence of `separator`: (before, after). Without it: (all, "").
inline std::pair<std::string_view, std::string_view> splitAt(std::string_view data, std::string_view separator,
                                                             bool* found = nullptr) {
  const size_t at = data.find(separator);
  if (found) *found = at != std::string_view::npos;
  if (at == std::string_view::npos) return {data, {}};
  return {data.substr(0, at), data.substr(at + separator.size())};
}

inline std::string_view asView(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace embedlab::fuzz
