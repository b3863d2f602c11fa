#pragma once
// The input format of the model-directory targets (fuzz_bert_dir, fuzz_elmo_dir): one byte of
// flags, then the files' contents separated by kPartSeparator, in an order each target fixes. A
// separator line rather than length prefixes: libFuzzer's insertions and deletions then change
// one file and leave the others where they were.
//
// model.safetensors is given as two parts, its JSON header and its data: the harness writes the
// 8-byte header length itself (kRawSafetensors in the flags: the header part is the whole file,
// length included, and the data part follows it), so that a mutated header is still read as a
// header instead of being cut at a stale length.
#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "tests/fuzz/FuzzSupport.h"

namespace embedlab::fuzz {

inline constexpr std::string_view kPartSeparator = "\n--8<--\n";
inline constexpr uint8_t kRawSafetensors = 1;

struct ModelDirInput {
  uint8_t flags = 0;
  std::vector<std::string_view> parts;  // a part beyond the input's last one is absent
  bool has(size_t i) const { return i < parts.size(); }
};

inline ModelDirInput splitModelDirInput(std::string_view data) {
  ModelDirInput in;
  if (data.empty()) return in;
  in.flags = static_cast<uint8_t>(data[0]);
  std::string_view rest = data.substr(1);
  for (;;) {
    bool found = false;
    const auto [part, after] = splitAt(rest, kPartSeparator, &found);
    in.parts.push_back(part);
    if (!found) break;
    rest = after;
  }
  return in;
}

// The bytes of model.safetensors from the header and data parts (see above).
inline std::string safetensorsBytes(std::string_view header, std::string_view data, bool raw) {
  std::string out;
  if (!raw) {
    uint64_t n = header.size();
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  }
  out.append(header);
  out.append(data);
  return out;
}

// scratchDir()/<name>, emptied: the files of the previous input must not leak into this one.
inline std::string freshModelDir(const std::string& name) {
  const std::string dir = scratchDir() + "/" + name;
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (mkdir(dir.c_str(), 0700) != 0) {
    std::perror(("embedlab fuzz: mkdir " + dir).c_str());
    std::abort();
  }
  return dir;
}

}  // namespace embedlab::fuzz
