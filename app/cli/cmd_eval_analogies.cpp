// embedlab-cli eval analogies: accuracy on a Google-format analogy file (questions-words.txt),
// as word2vec.c's compute-accuracy counts it.
#include <nlohmann/json.hpp>

#include "app/cli/Command.h"
#include "app/cli/Files.h"
#include "app/cli/Interrupt.h"
#include "app/cli/ProgressPrinter.h"
#include "app/cli/Vectors.h"
#include "core/eval/AnalogyBenchmark.h"
#include "core/util/Error.h"

namespace embedlab::cli {
namespace {

void defineFlags(ArgParser& args) {
  args.required("vectors", "FILE", "word vectors: .vec/.txt (word2vec or GloVe text), .bin, .tsv")
      .required("questions", "FILE", "analogy questions in the Google format (': section' lines, then 'a b c d')")
      .option("restrict-vocab", "N", "30000",
              "only the N first (most frequent) words are candidates; other questions count as oov (0: all)")
      .option("method", "3cosadd|3cosmul", "3cosadd", "3CosAdd or 3CosMul")
      .option("threads", "N", "0", "threads (0: all cores); results do not depend on it");
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext& ctx) {
  const std::string vectorsPath = args.getPath("vectors");
  const std::string questionsPath = args.getPath("questions");
  AnalogyBenchmark::Options options;
  options.restrictVocab = args.getInt("restrict-vocab", 0, INT64_MAX);
  options.method =
      args.getChoice("method", {"3cosadd", "3cosmul"}) == "3cosadd" ? AnalogyMethod::CosAdd : AnalogyMethod::CosMul;
  options.threads = static_cast<int>(args.getInt("threads", 0, 1024));
  requireInputFile(questionsPath);
  const AnalogyBenchmark benchmark = AnalogyBenchmark::load(questionsPath);
  if (benchmark.questions().empty()) throw Error(questionsPath + ": no analogy questions in the file");
  const EmbeddingSet vectors = loadVectors(vectorsPath, ctx);

  StopToken token;
  AnalogyBenchmark::Result r;
  {
    InterruptGuard guard(token);
    ProgressPrinter printer({.unit = "questions", .showLoss = false, .quiet = ctx.quiet});
    r = benchmark.evaluate(vectors, options, &token, [&](const Progress& p) { printer.report(p); });
  }
  if (r.stopped || token.stopRequested()) throw Error("interrupted: evaluation stopped");

  nlohmann::ordered_json sections = nlohmann::ordered_json::array();
  for (const auto& s : r.sections)
    sections.push_back(
        {{"name", s.name}, {"correct", s.correct}, {"total", s.total}, {"oov", s.oov}, {"accuracy", s.accuracy}});
  return {{"accuracy", r.accuracy}, {"correct", r.correct},     {"total", r.total},
          {"oov", r.oov},           {"questions", r.questions}, {"seconds", r.seconds},
          {"sections", std::move(sections)}};
}

const CommandRegistration registration{{
    "eval analogies",
    "accuracy of word vectors on analogy questions (Google format)",
    "Example:\n"
    "  embedlab-cli eval analogies --vectors vectors.bin --questions questions-words.txt\n"
    "Output:\n"
    "  {\"accuracy\":0.0652,\"correct\":458,\"total\":7027,\"oov\":12517,\"questions\":19544,\"seconds\":1.0,\n"
    "   \"sections\":[{\"name\":\"capital-common-countries\",\"correct\":..,\"total\":..,\"oov\":..,\"accuracy\":..},...]}\n"
    "  accuracy = correct / total; total counts the questions whose four words are all known.",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
