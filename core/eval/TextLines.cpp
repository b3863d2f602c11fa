#include "core/eval/TextLines.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/text/Utf8.h"
#include "core/util/Error.h"

namespace embedlab {

std::string readEvalFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw Error(path + ": no such file");
  if (std::filesystem::is_directory(path, ec)) throw Error(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open for reading");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error(path + ": read error");
  if (text.empty()) throw Error(path + ": empty file");
  if (text.find('\0') != std::string::npos) throw Error(path + ": not a text file (NUL bytes)");
  checkUtf8Text(text, path);
  return text;
}

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = nl + 1;
  }
  return lines;
}

std::vector<std::string_view> splitFields(std::string_view line, bool tabsOnly) {
  std::vector<std::string_view> fields;
  if (tabsOnly) {
    size_t start = 0;
    while (true) {
      const size_t tab = line.find('\t', start);
      std::string_view f = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
      // Blanks around a field are layout, not content.
      while (!f.empty() && (f.front() == ' ')) f.remove_prefix(1);
      while (!f.empty() && (f.back() == ' ')) f.remove_suffix(1);
      fields.push_back(f);
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    return fields;
  }
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i == line.size()) break;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

void checkUtf8Text(std::string_view text, const std::string& name) {
  if (utf8::isValid(text)) return;
  const auto lines = splitLines(text);
  for (size_t i = 0; i < lines.size(); ++i)
    if (!utf8::isValid(lines[i])) throw Error(name + ": line " + std::to_string(i + 1) + ": not valid UTF-8");
  throw Error(name + ": not valid UTF-8");
}

}  // namespace embedlab
