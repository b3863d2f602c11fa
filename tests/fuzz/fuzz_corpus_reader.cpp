// CorpusReader + Tokenizer on the input as a corpus file (plain, or gzip when it starts with the
// gzip magic). Beyond "Error or success": every line handed out is valid UTF-8 without '\n', no
// longer than the piece limit (unless one character is longer), and reading the file in parts
// gives the same lines as reading it whole. The first byte picks the options, so that short
// piece limits and several parts are explored too; the rest is the file.
#include <cstdint>
#include <string>
#include <vector>

#include "core/text/CorpusReader.h"
#include "core/text/Tokenizer.h"
#include "core/text/Utf8.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace embedlab;

namespace {

std::vector<std::string> readAll(const std::string& path, const CorpusReader::Options& options, int64_t* lines) {
  CorpusReader reader(path, options);
  std::vector<std::string> out;
  std::string line;
  while (reader.nextLine(line)) {
    EMBEDLAB_FUZZ_CHECK(utf8::isValid(line));
    EMBEDLAB_FUZZ_CHECK(line.find('\n') == std::string::npos);
    EMBEDLAB_FUZZ_CHECK(line.find('\0') == std::string::npos);
    EMBEDLAB_FUZZ_CHECK(static_cast<int64_t>(line.size()) <= std::max<int64_t>(options.maxLineBytes, 4));
    out.push_back(line);
    // A reader that never ends is a hang; a 64 KiB input cannot hold more pieces than this.
    EMBEDLAB_FUZZ_CHECK(out.size() <= (size_t{1} << 26));
  }
  EMBEDLAB_FUZZ_CHECK(reader.bytesConsumed() <= reader.fileBytes());
  *lines = reader.linesRead();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t mode = data[0];
  const std::string path = fuzz::writeFile("corpus.txt", fuzz::asView(data + 1, size - 1));

  CorpusReader::Options options;
  static const int64_t kLimits[] = {1 << 20, 1, 2, 3, 5, 8, 16, 64};
  options.maxLineBytes = kLimits[mode & 7];
  const int parts = 1 + ((mode >> 3) & 3);

  std::vector<std::string> whole;
  int64_t wholeLines = 0;
  bool gz = false;
  const bool ok = fuzz::onlyErrors("CorpusReader", [&] {
    whole = readAll(path, options, &wholeLines);
    gz = CorpusReader(path).compressed();
  });
  if (!ok) return 0;

  Tokenizer::Options tokenizerOptions;
  tokenizerOptions.preTokenized = (mode >> 5) & 1;
  tokenizerOptions.keepPunctuation = (mode >> 6) & 1;
  tokenizerOptions.lowercase = (mode >> 7) & 1;
  const Tokenizer tokenizer(tokenizerOptions);
  std::vector<std::string> tokens;
  std::string buffer;
  std::vector<std::string_view> views;
  for (const std::string& line : whole) {
    tokens.clear();
    fuzz::onlyErrors("Tokenizer", [&] { tokenizer.tokenize(line, tokens); });
    fuzz::onlyErrors("Tokenizer (views)", [&] { tokenizer.tokenize(line, buffer, views); });
    // Both forms give the same tokens, each non-empty and valid UTF-8.
    EMBEDLAB_FUZZ_CHECK(tokens.size() == views.size());
    for (size_t i = 0; i < tokens.size(); ++i) {
      EMBEDLAB_FUZZ_CHECK(tokens[i] == views[i]);
      EMBEDLAB_FUZZ_CHECK(!tokens[i].empty());
      EMBEDLAB_FUZZ_CHECK(utf8::isValid(tokens[i]));
    }
  }

  // Parts: together they hold every line exactly once, in order (plain files; .gz parts take
  // every parts-th line, so the line count adds up as well).
  if (parts > 1 && options.maxLineBytes >= (1 << 20)) {
    std::vector<std::string> joined;
    int64_t partLines = 0;
    for (int part = 0; part < parts; ++part) {
      CorpusReader::Options po = options;
      po.part = part;
      po.parts = parts;
      int64_t n = 0;
      std::vector<std::string> got;
      // The whole file read without an error: so must every part of it.
      EMBEDLAB_FUZZ_CHECK(fuzz::onlyErrors("CorpusReader (part)", [&] { got = readAll(path, po, &n); }));
      partLines += n;
      joined.insert(joined.end(), got.begin(), got.end());
    }
    EMBEDLAB_FUZZ_CHECK(partLines == wholeLines);
    if (!gz) EMBEDLAB_FUZZ_CHECK(joined == whole);
  }
  return 0;
}
