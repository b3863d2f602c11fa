// embedlab-cli corpus stats: what the tokenizer and the vocabulary see in a corpus, without training.
#include <nlohmann/json.hpp>

#include "app/cli/Command.h"
#include "app/cli/Files.h"
#include "app/cli/Interrupt.h"
#include "app/cli/ProgressPrinter.h"
#include "core/text/Tokenizer.h"
#include "core/text/Vocabulary.h"
#include "core/util/Error.h"

namespace embedlab::cli {
namespace {

void defineFlags(ArgParser& args) {
  args.repeated("corpus", "FILE", "corpus file, plain UTF-8 text or .gz, one sentence per line", true)
      .option("min-count", "N", "5", "words seen fewer times are not counted in vocab_size")
      .option("max-vocab", "N", "0", "keep at most the N most frequent words in vocab_size (0: no limit)")
      .flag("pre-tokenized", "split on whitespace only (text segmented by another tool), no lowercasing");
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext& ctx) {
  const std::vector<std::string> corpus = args.getAll("corpus");
  Vocabulary::Options vocabOptions;
  vocabOptions.minCount = args.getInt("min-count", 1, INT64_MAX);
  vocabOptions.maxVocab = args.getInt("max-vocab", 0, INT64_MAX);
  Tokenizer::Options tokenizerOptions;
  tokenizerOptions.preTokenized = args.isSet("pre-tokenized");
  for (const std::string& file : corpus) requireInputFile(file);

  StopToken token;
  InterruptGuard guard(token);
  ProgressPrinter printer({.unit = "bytes", .showLoss = false, .quiet = ctx.quiet});
  Vocabulary::BuildStats stats;
  const Vocabulary vocab = Vocabulary::build(
      corpus, Tokenizer(tokenizerOptions), vocabOptions, &stats,
      [&](double done) { printer.report(ProgressPrinter::fraction("counting", done)); }, &token);
  printer.finish();
  if (token.stopRequested()) throw Error("interrupted: counting stopped before the end of the corpus");
  if (stats.invalidUtf8 > 0)
    ctx.warn(std::to_string(stats.invalidUtf8) + " invalid UTF-8 bytes replaced by U+FFFD");

  return {{"lines", stats.lines},           {"tokens", stats.tokens},
          {"vocab_size", vocab.size()},     {"distinct_words", stats.distinctWords},
          {"invalid_utf8", stats.invalidUtf8}, {"bytes", stats.bytes}};
}

const CommandRegistration registration{{
    "corpus stats",
    "count the lines, tokens and words of a corpus",
    "Example (the default corpus, WordNet's glosses):\n"
    "  embedlab-cli corpus stats --corpus default-corpus.txt --min-count 5\n"
    "Output:\n"
    "  {\"lines\":117659,\"tokens\":1682512,\"vocab_size\":19253,\"distinct_words\":59931,\n"
    "   \"invalid_utf8\":0,\"bytes\":8963347}\n"
    "  vocab_size counts the words seen at least --min-count times; distinct_words all of them.",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
