#pragma once
// Writes a test's generated text to a file, byte for byte (binary mode: no newline translation).
// Returns false when the file cannot be written, so the caller can QVERIFY it in its own slot.
#include <QString>

#include <filesystem>
#include <fstream>
#include <string_view>

namespace embedlab::test {

inline bool writeTextFile(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  return !out.fail();
}

inline bool writeTextFile(const QString& path, std::string_view text) {
  return writeTextFile(std::filesystem::path(path.toStdString()), text);
}

}  // namespace embedlab::test
