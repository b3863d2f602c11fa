// embedlab-cli corpus tokenize: the corpus exactly as our tokenizer sees it, one line per input
// line, tokens joined by single spaces. Benchmarks feed this file to the peer programs (fastText,
// gensim, word2vec.c), which split on whitespace only, so that every program trains on the same
// tokens.
#include <nlohmann/json.hpp>

#include "app/cli/Command.h"
#include "app/cli/Files.h"
#include "app/cli/Interrupt.h"
#include "app/cli/ProgressPrinter.h"
#include "core/text/CorpusReader.h"
#include "core/text/Tokenizer.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab::cli {
namespace {

void defineFlags(ArgParser& args) {
  args.repeated("corpus", "FILE", "corpus file, plain UTF-8 text or .gz (several are concatenated)", true)
      .required("out", "FILE", "where to write the tokenized text (written atomically)")
      .flag("pre-tokenized", "split on whitespace only, text untouched (normalises the spacing)");
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext& ctx) {
  const std::vector<std::string> corpus = args.getAll("corpus");
  const std::string out = args.getPath("out");
  Tokenizer::Options tokenizerOptions;
  tokenizerOptions.preTokenized = args.isSet("pre-tokenized");
  const Tokenizer tokenizer(tokenizerOptions);
  int64_t totalBytes = 0;
  for (const std::string& file : corpus) totalBytes += requireInputFile(file);
  requireWritableOutput(out);

  StopToken token;
  InterruptGuard guard(token);
  ProgressPrinter printer({.unit = "lines", .showLoss = false, .quiet = ctx.quiet});
  AtomicFile file(out);
  int64_t lines = 0, tokens = 0, invalid = 0, bytesBefore = 0;
  std::string line, buffer, joined;
  std::vector<std::string_view> words;
  for (const std::string& path : corpus) {
    CorpusReader reader(path);
    while (reader.nextLine(line)) {
      tokenizer.tokenize(line, buffer, words);
      joined.clear();
      for (size_t i = 0; i < words.size(); ++i) {
        if (i) joined += ' ';
        joined += words[i];
      }
      joined += '\n';
      file.write(joined);
      tokens += static_cast<int64_t>(words.size());
      if (++lines % 4096 == 0) {
        if (token.stopRequested()) throw Error("interrupted: " + out + " was not written");
        const double done = static_cast<double>(bytesBefore + reader.bytesConsumed()) /
                            static_cast<double>(std::max<int64_t>(totalBytes, 1));
        printer.report(ProgressPrinter::fraction("tokenizing", done));
      }
    }
    invalid += reader.invalidUtf8();
    bytesBefore += reader.fileBytes();
  }
  if (token.stopRequested()) throw Error("interrupted: " + out + " was not written");
  printer.report(ProgressPrinter::fraction("tokenizing", 1.0));
  printer.finish();
  file.commit();
  if (invalid > 0) ctx.warn(std::to_string(invalid) + " invalid UTF-8 bytes replaced by U+FFFD");
  return {{"lines", lines}, {"tokens", tokens}, {"invalid_utf8", invalid}, {"out", out}};
}

const CommandRegistration registration{{
    "corpus tokenize",
    "write a corpus tokenized and lowercased, tokens separated by single spaces",
    "Example:\n"
    "  embedlab-cli corpus tokenize --corpus default-corpus.txt --out wordnet.tok\n"
    "Output:\n"
    "  {\"lines\":117659,\"tokens\":1682512,\"invalid_utf8\":0,\"out\":\"wordnet.tok\"}\n"
    "One output line per input line (lines longer than 1 MiB arrive in pieces, one line each).",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
