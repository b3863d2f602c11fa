#include "app/cli/Vectors.h"

#include <vector>

#include "app/cli/Files.h"
#include "app/cli/Interrupt.h"
#include "app/cli/ProgressPrinter.h"
#include "core/io/WordVectors.h"
#include "core/text/Tokenizer.h"
#include "core/util/Error.h"

namespace embedlab::cli {

EmbeddingSet loadVectors(const std::string& path, const CommandContext& ctx) {
  requireInputFile(path);
  StopToken token;
  InterruptGuard guard(token);
  ProgressPrinter printer({.unit = "bytes", .showLoss = false, .quiet = ctx.quiet});
  WordVectorsLoadOptions options;
  options.stop = &token;
  options.progress = [&](const Progress& p) { printer.report(p); };
  WordVectorsLoadReport report;
  EmbeddingSet set = loadWordVectors(path, options, &report);
  printer.finish();
  if (set.empty() || set.dim() <= 0) throw Error(path + ": no word vectors in the file");
  if (report.duplicatesSkipped > 0)
    ctx.warn(path + ": " + std::to_string(report.duplicatesSkipped) + " duplicate words skipped (the first row wins)");
  return set;
}

int64_t findWord(const EmbeddingSet& set, const std::string& word, const std::string& flag,
                 const std::string& vectorsPath) {
  int64_t row = set.find(word);
  if (row >= 0) return row;
  // The word as training saw it: "King" -> "king". Only when it stays one token.
  std::vector<std::string> tokens;
  Tokenizer().tokenize(word, tokens);
  if (tokens.size() == 1) row = set.find(tokens[0]);
  if (row >= 0) return row;
  throw UsageError("--" + flag + ": '" + word + "' is not in the vocabulary of " + vectorsPath);
}

}  // namespace embedlab::cli
