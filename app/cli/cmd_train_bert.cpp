// embedlab-cli train bert: pre-trains a small BERT from scratch (WordPiece vocabulary, masked-LM
// and optionally NSP) and writes a Hugging Face directory. The job runs on this thread with
// progress on stderr; Ctrl-C stops it at the next pass and keeps a checkpoint that the same
// command resumes.
#include <cstdint>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "app/cli/Command.h"
#include "app/cli/Files.h"
#include "app/cli/Interrupt.h"
#include "app/cli/ProgressPrinter.h"
#include "core/models/bert/BertPretrainer.h"
#include "core/util/Error.h"

namespace embedlab::cli {
namespace {

void defineFlags(ArgParser& args) {
  args.repeated("corpus", "FILE", "corpus file, plain UTF-8 text or .gz, one sentence per line; a blank "
                                  "line ends a document",
                true)
      .required("out", "DIR", "output directory: config.json, model.safetensors, vocab.txt, "
                              "tokenizer_config.json (and checkpoint.safetensors)")
      .option("layers", "N", "4", "Transformer layers")
      .option("hidden", "N", "256", "hidden size")
      .option("heads", "N", "4", "attention heads (must divide --hidden)")
      .option("intermediate", "N", "1024", "feed-forward size")
      .option("max-len", "N", "128", "sequence length (and max_position_embeddings)")
      .option("vocab-size", "N", "8000", "size of the WordPiece vocabulary trained on the corpus")
      .option("vocab", "FILE", "", "use this vocab.txt instead of training one")
      .option("batch", "N", "32", "sequences per batch")
      .option("accumulation", "N", "1", "batches per optimizer step (gradient accumulation)")
      .option("steps", "N", "1000", "optimizer steps")
      .option("lr", "X", "1e-4", "peak learning rate (AdamW)")
      .option("warmup", "N", "auto", "warm-up steps, then linear decay to 0 (auto: 10% of --steps)")
      .option("weight-decay", "X", "0.01", "AdamW decoupled weight decay (not on LayerNorm and biases)")
      .option("clip", "X", "1.0", "global gradient-norm clipping (0: off)")
      .option("dropout", "X", "0.1", "hidden and attention dropout, in [0, 1)")
      .option("max-predictions", "N", "auto", "masked positions per sequence at most (auto: 15% of --max-len)")
      .option("pass-sequences", "N", "auto",
              "sequences per forward/backward pass (auto: ~50 ms of work, so Ctrl-C answers quickly; "
              "more is faster with several threads)")
      .option("checkpoint-every", "N", "1000", "write checkpoint.safetensors every N steps (0: only when stopped)")
      .option("threads", "N", "0", "OpenMP threads (0: all cores; 1 with a fixed --seed is bit-reproducible)")
      .option("seed", "S", "1", "random seed")
      .flag("nsp", "also train next-sentence prediction on sentence pairs")
      .flag("fresh", "ignore a checkpoint in --out and start from scratch");
}

BertPretrainerOptions readOptions(const ArgParser& args) {
  BertPretrainerOptions o;
  o.corpusFiles = args.getAll("corpus");
  o.outDir = args.getPath("out");
  o.layers = static_cast<int>(args.getInt("layers", 1, 64));
  o.hidden = static_cast<int>(args.getInt("hidden", 1, 8192));
  o.heads = static_cast<int>(args.getInt("heads", 1, 256));
  o.intermediate = static_cast<int>(args.getInt("intermediate", 1, 65536));
  o.maxLength = static_cast<int>(args.getInt("max-len", 3, 4096));
  o.vocabSize = args.getInt("vocab-size", 16, 1000000);
  if (args.given("vocab")) o.vocabPath = args.getPath("vocab");
  o.batch = static_cast<int>(args.getInt("batch", 1, 1 << 16));
  o.accumulation = static_cast<int>(args.getInt("accumulation", 1, 1 << 16));
  o.steps = args.getInt("steps", 1, INT64_MAX / (1 << 20));
  o.lr = args.getDouble("lr", 0, 10, true, false);
  if (args.given("warmup") && args.get("warmup") != "auto") o.warmup = args.getInt("warmup", 0, o.steps);
  o.weightDecay = args.getDouble("weight-decay", 0, 10);
  o.clipNorm = args.getDouble("clip", 0, 1e9);
  o.dropout = args.getDouble("dropout", 0, 1, false, true);
  if (args.given("max-predictions") && args.get("max-predictions") != "auto")
    o.maxPredictions = static_cast<int>(args.getInt("max-predictions", 1, o.maxLength));
  if (args.given("pass-sequences") && args.get("pass-sequences") != "auto")
    o.passSequences = static_cast<int>(args.getInt("pass-sequences", 1, o.batch));
  o.checkpointEvery = args.getInt("checkpoint-every", 0, INT64_MAX);
  o.threads = static_cast<int>(args.getInt("threads", 0, 1024));
  o.seed = args.getUInt("seed", UINT64_MAX);
  o.nsp = args.isSet("nsp");
  o.resume = !args.isSet("fresh");
  o.reportIntervalSeconds = 0.1;
  if (o.hidden % o.heads != 0)
    throw UsageError("--heads: " + std::to_string(o.heads) + " does not divide --hidden " + std::to_string(o.hidden));
  if (o.nsp && o.maxLength < 5) throw UsageError("--max-len: at least 5 with --nsp");
  o.validate();
  return o;
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext& ctx) {
  const BertPretrainerOptions options = readOptions(args);
  // Files are checked before any work, so a typo costs a second rather than a training run.
  for (const std::string& file : options.corpusFiles) requireInputFile(file);
  if (!options.vocabPath.empty()) requireInputFile(options.vocabPath);
  std::error_code ec;
  if (std::filesystem::exists(options.outDir, ec) && !std::filesystem::is_directory(options.outDir, ec))
    throw Error("--out: " + options.outDir + " exists and is not a directory");
  std::filesystem::create_directories(options.outDir, ec);
  if (ec) throw Error("--out: cannot create " + options.outDir + ": " + ec.message());
  requireWritableOutput(options.outDir + "/config.json");

  BertPretrainer job(options);
  StopToken token;
  JobResult result;
  {
    InterruptGuard guard(token);
    ProgressPrinter printer({.unit = "tokens", .showLoss = true, .quiet = ctx.quiet});
    result = job.run([&](const Progress& p) { printer.report(p); }, token);
    printer.finish();
  }
  const BertPretrainerSummary& s = job.summary();
  switch (result.status) {
    case JobStatus::Finished: break;
    case JobStatus::Stopped:
      throw Error("interrupted: training " + result.message +
                  (s.steps > 0 ? " (checkpoint: " + job.checkpointPath() + ")" : ""));
    case JobStatus::Failed:
      throw Error(result.message.empty() ? "training failed" : result.message);
  }
  return {{"tokens_per_sec", roundForJson(s.tokensPerSec)},
          {"seconds", roundForJson(s.seconds)},
          {"steps", s.steps},
          {"final_mlm_loss", roundForJson(s.finalMlmLoss)},
          {"mlm_accuracy", roundForJson(s.finalMlmAccuracy)},
          {"out", options.outDir}};
}

const CommandRegistration registration{{
    "train bert",
    "pre-train a small BERT (masked LM, optional NSP) from scratch on a corpus",
    "Example:\n"
    "  embedlab-cli train bert --corpus text.txt --layers 4 --hidden 256 --steps 10000 --out bert-mini\n"
    "Output:\n"
    "  {\"tokens_per_sec\":...,\"seconds\":...,\"steps\":...,\"final_mlm_loss\":...,\"mlm_accuracy\":...,\n"
    "   \"out\":\"bert-mini\"}\n"
    "  tokens_per_sec: real (non-padding) tokens per second of the training steps, without vocabulary\n"
    "  building, corpus preparation and saving; final_mlm_loss and mlm_accuracy: the last reporting\n"
    "  window. --out is a Hugging Face directory (BertForMaskedLM, or BertForPreTraining with --nsp).\n"
    "  Ctrl-C stops training and keeps --out/checkpoint.safetensors: the same command resumes from it\n"
    "  (exit code 1 meanwhile).",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
