// embedlab-cli train word2vec: the flags of word2vec.c / fastText mapped onto Word2VecOptions, the
// job run on this thread with progress on stderr and Ctrl-C mapped to its stop token. A stopped
// run keeps its checkpoint (OUT.checkpoint by default); running the same command again resumes.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/cli/Command.h"
#include "app/cli/Files.h"
#include "app/cli/Interrupt.h"
#include "app/cli/ProgressPrinter.h"
#include "core/models/word2vec/Word2Vec.h"
#include "core/util/Error.h"

namespace embedlab::cli {
namespace {

void defineFlags(ArgParser& args) {
  args.repeated("corpus", "FILE",
                "corpus file, plain UTF-8 text or .gz, one sentence per line (default: the WordNet "
                "glosses installed beside the program)",
                false)
      .required("out", "FILE", "where to save the vectors: .vec/.txt (word2vec text), .bin (binary), .tsv (projector)")
      .option("arch", "sg|cbow", "sg", "skip-gram or continuous bag of words")
      .option("loss", "ns|hs", "ns", "negative sampling or hierarchical softmax")
      .option("dim", "N", "100", "vector dimension, 1..10000")
      .option("window", "N", "5", "maximum context window (the effective one is drawn from 1..N), 1..1000")
      .option("negative", "N", "5", "noise words per positive pair (ns only), 1..1000")
      .option("epochs", "N", "5", "passes over the corpus, 1..10000")
      .option("min-count", "N", "5", "ignore words seen fewer times")
      .option("max-vocab", "N", "0", "keep at most the N most frequent words (0: no limit)")
      .option("sample", "X", "1e-3", "subsampling threshold for frequent words, in [0, 1) (0: off)")
      .option("alpha", "A", "auto", "start learning rate (auto: 0.025 sg, 0.05 cbow)")
      .option("min-alpha-ratio", "R", "0.1",
              "the learning rate decays linearly from A to A*R, R in [0, 1] (word2vec.c's schedule: 1e-4)")
      .option("threads", "N", "0", "worker threads (0: all cores; 1 with a fixed --seed is bit-reproducible)")
      .option("seed", "S", "1", "random seed")
      .option("kernel", "auto|per-pair|minibatch", "auto",
              "how updates are computed: word2vec.c's per pair, or shared negatives as small matrix products")
      .option("chunk-bytes", "N", "0",
              "each thread reads its part of a plain corpus file in chunks of about N bytes, in a seeded "
              "order shuffled every epoch (0: in order)")
      .option("loss-log", "FILE.csv", "", "also write every progress report as CSV (words,loss,lr,words_per_sec)")
      .option("checkpoint", "FILE", "OUT.checkpoint",
              "where a stopped run keeps its state for a resume (removed when training finishes)")
      .option("checkpoint-every", "N", "0", "also write the checkpoint every N corpus words (0: not by words)")
      .option("checkpoint-seconds", "S", "600", "also write the checkpoint every S seconds of training (0: not by time)")
      .flag("fresh", "start over even if the checkpoint exists (default: resume from it)")
      .flag("no-checkpoint", "keep no checkpoint: a stopped run leaves nothing behind")
      .flag("pre-tokenized", "split the corpus on whitespace only, no lowercasing");
}

Word2VecOptions readOptions(const ArgParser& args) {
  Word2VecOptions o;
  o.arch = args.getChoice("arch", {"sg", "cbow"}) == "sg" ? Word2VecOptions::Arch::SkipGram
                                                         : Word2VecOptions::Arch::Cbow;
  o.loss = args.getChoice("loss", {"ns", "hs"}) == "ns" ? Word2VecOptions::Loss::NegativeSampling
                                                       : Word2VecOptions::Loss::HierarchicalSoftmax;
  o.dim = static_cast<int>(args.getInt("dim", 1, 10000));
  o.window = static_cast<int>(args.getInt("window", 1, 1000));
  o.negative = static_cast<int>(args.getInt("negative", 1, 1000));
  o.epochs = static_cast<int>(args.getInt("epochs", 1, 10000));
  o.minCount = args.getInt("min-count", 1, INT64_MAX);
  o.maxVocab = args.getInt("max-vocab", 0, INT64_MAX);
  o.sample = args.getDouble("sample", 0, 1, false, true);
  if (args.given("alpha")) o.alpha = args.getDouble("alpha", 0, 10, true, false);
  o.minAlphaRatio = args.getDouble("min-alpha-ratio", 0, 1, false, false);
  o.threads = static_cast<int>(args.getInt("threads", 0, 1024));
  o.seed = args.getUInt("seed", UINT64_MAX);
  const std::string kernel = args.getChoice("kernel", {"auto", "per-pair", "minibatch"});
  o.kernel = kernel == "auto"       ? Word2VecOptions::Kernel::Auto
             : kernel == "per-pair" ? Word2VecOptions::Kernel::PerPair
                                    : Word2VecOptions::Kernel::Minibatch;
  o.preTokenized = args.isSet("pre-tokenized");
  o.chunkBytes = args.getInt("chunk-bytes", 0, INT64_MAX);

  o.outputPath = args.getPath("out");
  const std::string ext = extensionOf(o.outputPath);
  if (ext != "vec" && ext != "txt" && ext != "bin" && ext != "tsv")
    throw UsageError("--out: " + o.outputPath + ": unknown vector format (use .vec, .txt, .bin or .tsv)");
  if (args.given("loss-log")) o.lossLogPath = args.getPath("loss-log");
  o.corpusFiles = args.getAll("corpus");
  if (!args.isSet("no-checkpoint")) {
    o.checkpointPath = args.given("checkpoint") ? args.getPath("checkpoint") : o.outputPath + ".checkpoint";
    o.checkpointEveryWords = args.getInt("checkpoint-every", 0, INT64_MAX);
    o.checkpointEverySeconds = args.getDouble("checkpoint-seconds", 0, 1e9);
  } else if (args.given("checkpoint") || args.given("checkpoint-every") || args.given("checkpoint-seconds")) {
    throw UsageError("--no-checkpoint: cannot be combined with --checkpoint, --checkpoint-every or --checkpoint-seconds");
  }
  if (!o.checkpointPath.empty() && (o.checkpointPath == o.outputPath || o.checkpointPath == o.lossLogPath))
    throw UsageError("--checkpoint: " + o.checkpointPath + " is also the output or the loss log");
  o.resume = !args.isSet("fresh");
  return o;
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext& ctx) {
  Word2VecOptions options = readOptions(args);
  const bool defaultCorpus = options.corpusFiles.empty();
  if (defaultCorpus) options.corpusFiles.push_back(defaultCorpusPath());
  options.validate();  // anything the CLI's ranges let through is still a usage error
  // Files are checked before any work, so a typo costs a second rather than a training run.
  requireWritableOutput(options.outputPath);
  if (!options.lossLogPath.empty()) requireWritableOutput(options.lossLogPath);
  if (!options.checkpointPath.empty()) requireWritableOutput(options.checkpointPath);
  for (const std::string& file : options.corpusFiles) requireInputFile(file);
  if (defaultCorpus) ctx.warn("no --corpus given: training on the default corpus " + options.corpusFiles.back());
  std::error_code ec;
  if (!options.checkpointPath.empty() && options.resume && std::filesystem::exists(options.checkpointPath, ec))
    ctx.warn("resuming from " + options.checkpointPath + " (use --fresh to start over)");

  Word2VecJob job(options);
  StopToken token;
  JobResult result;
  {
    InterruptGuard guard(token);
    ProgressPrinter printer({.unit = "words", .showLoss = true, .quiet = ctx.quiet});
    result = job.run([&](const Progress& p) { printer.report(p); }, token);
    printer.finish();
  }
  switch (result.status) {
    case JobStatus::Finished: break;
    case JobStatus::Stopped:
      if (!options.checkpointPath.empty() && std::filesystem::exists(options.checkpointPath, ec))
        throw Error("interrupted: training stopped after " + std::to_string(job.summary().trainWords) + " words; " +
                    options.checkpointPath + " keeps it for a resume (run the same command again), " +
                    options.outputPath + " was not written");
      throw Error("interrupted: training stopped, " + options.outputPath + " was not written");
    case JobStatus::Failed:
      throw Error(result.message.empty() ? "training failed" : result.message);
  }
  const Word2VecSummary& s = job.summary();
  return {{"words_per_sec", s.wordsPerSec}, {"seconds", s.seconds},     {"train_words", s.trainWords},
          {"vocab_size", s.vocabSize},      {"final_loss", s.finalLoss}, {"out", options.outputPath},
          {"resumed_words", s.resumedWords}};
}

const CommandRegistration registration{{
    "train word2vec",
    "train skip-gram or CBOW word vectors on a corpus",
    "Example:\n"
    "  embedlab-cli train word2vec --corpus text.txt --arch sg --dim 100 --epochs 5 --out vectors.bin\n"
    "Output:\n"
    "  {\"words_per_sec\":...,\"seconds\":...,\"train_words\":...,\"vocab_size\":...,\"final_loss\":...,\n"
    "   \"out\":\"vectors.bin\"}\n"
    "  train_words: corpus words processed over all epochs; final_loss: mean loss of the last\n"
    "  reporting window; resumed_words: words done by the checkpoint this run resumed from (0: a\n"
    "  fresh start). Ctrl-C stops training (exit code 1) and keeps OUT.checkpoint; running the same\n"
    "  command again resumes from it (with --threads 1 and a fixed --seed, bit for bit as if never\n"
    "  stopped); --fresh starts over. A checkpoint of other settings or another corpus is refused.\n"
    "  The checkpoint is removed when training finishes and OUT is written.",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
