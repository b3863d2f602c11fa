// embedlab-cli train elmo: the ELMo biLM (char-CNN, highway, projection, forward and backward
// LSTMP stacks, shared softmax) trained on a corpus into a model directory (ElmoTrainer), with
// progress on stderr and Ctrl-C mapped to its stop token (the checkpoint is kept for a resume).
#include <chrono>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli/Command.h"
#include "app/cli/Files.h"
#include "app/cli/Interrupt.h"
#include "app/cli/ProgressPrinter.h"
#include "core/models/elmo/ElmoTrainer.h"
#include "core/util/Error.h"

namespace embedlab::cli {
namespace {

namespace fs = std::filesystem;

void defineFlags(ArgParser& args) {
  args.repeated("corpus", "FILE", "corpus file, plain UTF-8 text or .gz, one sentence per line", true)
      .required("out", "DIR", "model directory to write (vocab.txt, checkpoint.safetensors, model.safetensors)")
      .option("char-filters", "W:N,...", "1:32,2:32,3:64,4:128,5:256",
              "character convolutions: width:count pairs (width 1..50, count 1..4096)")
      .option("char-embed", "N", "16", "character embedding size, 1..256")
      .option("highway", "N", "1", "highway layers, 0..4")
      .option("lstm-hidden", "N", "512", "LSTM cell size, 1..8192")
      .option("projection", "N", "256", "token encoding, LSTM projection and softmax input size, 1..4096")
      .option("cell-clip", "X", "3", "LSTM cell clipping (0: off)")
      .option("proj-clip", "X", "3", "LSTM projection clipping (0: off)")
      .option("max-vocab", "N", "20000", "softmax vocabulary including <s>, </s>, <unk>, 3..10000000")
      .option("min-count", "N", "1", "words seen fewer times are <unk> in the softmax")
      .option("sampled", "N", "0", "sampled softmax with N candidates while training (0: full softmax)")
      .option("seq-len", "N", "20", "tokens per truncated back-propagation window, 1..10000")
      .option("batch", "N", "32", "rows per step, 1..100000")
      .option("epochs", "N", "1", "passes over the corpus, 1..10000")
      .option("lr", "X", "1e-3", "Adam learning rate")
      .option("clip-norm", "X", "10", "global gradient norm clipping (0: off)")
      .option("heldout-every", "N", "20", "every N-th line is held out for the perplexity (0: none)")
      .option("checkpoint-every", "N", "500", "steps between checkpoints (0: only when stopped)")
      .option("threads", "N", "0", "threads (0: all cores)")
      .option("seed", "S", "1", "random seed")
      .flag("fresh", "start over even if DIR holds a checkpoint (default: resume from it)")
      .flag("pre-tokenized", "split the corpus on whitespace only, no lowercasing");
}

// "1:32,2:32" -> {{1,32},{2,32}}
std::vector<nn::CharConvFilter> parseFilters(const std::string& value) {
  auto bad = [&] {
    return UsageError("--char-filters: expected width:count pairs separated by commas (e.g. 1:32,2:64), got '" +
                      value + "'");
  };
  auto number = [&](const std::string& s, int lo, int hi) {
    if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos) throw bad();
    const int v = std::stoi(s);
    if (v < lo || v > hi) throw bad();
    return v;
  };
  std::vector<nn::CharConvFilter> filters;
  size_t start = 0;
  while (start <= value.size()) {
    const size_t comma = std::min(value.find(',', start), value.size());
    const std::string pair = value.substr(start, comma - start);
    const size_t colon = pair.find(':');
    if (colon == std::string::npos) throw bad();
    filters.push_back({number(pair.substr(0, colon), 1, 50), number(pair.substr(colon + 1), 1, 4096)});
    start = comma + 1;
  }
  if (filters.empty() || filters.size() > 32) throw bad();
  return filters;
}

std::string withoutTrailingSlash(std::string p) {
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext& ctx) {
  elmo::ElmoTrainerOptions o;
  o.model.filters = parseFilters(args.get("char-filters"));
  o.model.charEmbed = static_cast<int>(args.getInt("char-embed", 1, 256));
  o.model.highway = static_cast<int>(args.getInt("highway", 0, 4));
  o.model.lstmHidden = static_cast<int>(args.getInt("lstm-hidden", 1, 8192));
  o.model.projection = static_cast<int>(args.getInt("projection", 1, 4096));
  o.model.cellClip = static_cast<float>(args.getDouble("cell-clip", 0, 1e6));
  o.model.projClip = static_cast<float>(args.getDouble("proj-clip", 0, 1e6));
  o.maxVocab = args.getInt("max-vocab", 3, 10000000);
  o.minCount = args.getInt("min-count", 1, INT64_MAX);
  o.model.sampled = static_cast<int>(args.getInt("sampled", 0, 1000000));
  o.seqLen = static_cast<int>(args.getInt("seq-len", 1, 10000));
  o.batch = static_cast<int>(args.getInt("batch", 1, 100000));
  o.epochs = static_cast<int>(args.getInt("epochs", 1, 10000));
  o.lr = static_cast<float>(args.getDouble("lr", 0, 10, true));
  o.clipNorm = args.getDouble("clip-norm", 0, 1e12);
  o.heldoutEvery = static_cast<int>(args.getInt("heldout-every", 0, 1000000));
  o.checkpointEvery = args.getInt("checkpoint-every", 0, INT64_MAX);
  o.threads = static_cast<int>(args.getInt("threads", 0, 1024));
  o.seed = args.getUInt("seed", UINT64_MAX);
  o.resume = !args.isSet("fresh");
  o.tokenizer.preTokenized = args.isSet("pre-tokenized");
  o.outDir = withoutTrailingSlash(args.getPath("out"));
  o.corpusFiles = args.getAll("corpus");
  if (o.model.sampled >= o.maxVocab)
    throw UsageError("--sampled: " + std::to_string(o.model.sampled) + " candidates need a larger --max-vocab (" +
                     std::to_string(o.maxVocab) + ")");

  // Files are checked before any work.
  std::error_code ec;
  if (fs::exists(o.outDir, ec)) {
    if (!fs::is_directory(o.outDir, ec)) throw Error(o.outDir + ": exists and is not a directory");
    requireWritableOutput(o.outDir + "/model.safetensors");
  } else {
    requireWritableOutput(o.outDir);
  }
  for (const std::string& file : o.corpusFiles) requireInputFile(file);
  if (o.resume && fs::exists(o.outDir + "/checkpoint.safetensors", ec))
    ctx.warn("resuming from " + o.outDir + "/checkpoint.safetensors (use --fresh to start over)");

  const auto start = std::chrono::steady_clock::now();
  elmo::ElmoTrainer job(o);
  StopToken token;
  JobResult result;
  {
    InterruptGuard guard(token);
    ProgressPrinter printer({.unit = "tokens", .showLoss = true, .quiet = ctx.quiet});
    result = job.run([&](const Progress& p) { printer.report(p); }, token);
    printer.finish();
  }
  switch (result.status) {
    case JobStatus::Finished: break;
    case JobStatus::Stopped:
      throw Error("interrupted: training stopped at step " + std::to_string(job.steps()) + "; " + o.outDir +
                  "/checkpoint.safetensors keeps it for a resume, no model was written");
    case JobStatus::Failed:
      throw Error(result.message.empty() ? "training failed" : result.message);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double ppl = job.heldoutPerplexity();
  nlohmann::ordered_json out = {{"tokens_per_sec", roundForJson(job.tokensPerSecond())},
                                {"seconds", roundForJson(seconds)},
                                {"final_loss", roundForJson(job.finalLoss())},
                                {"heldout_perplexity", std::isfinite(ppl) ? nlohmann::ordered_json(roundForJson(ppl))
                                                                          : nlohmann::ordered_json(nullptr)},
                                {"out", o.outDir},
                                {"steps", job.steps()},
                                {"vocab_size", job.vocabulary().size()},
                                {"parameters", job.model()->params().parameterCount()}};
  return out;
}

const CommandRegistration registration{{
    "train elmo",
    "train an ELMo biLM (char-CNN + forward/backward LSTMs) on a corpus",
    "Example:\n"
    "  embedlab-cli train elmo --corpus text.txt --lstm-hidden 512 --projection 256 --epochs 1 --out elmo-run\n"
    "Output:\n"
    "  {\"tokens_per_sec\":...,\"seconds\":...,\"final_loss\":...,\"heldout_perplexity\":...,\"out\":\"elmo-run\",\n"
    "   \"steps\":...,\"vocab_size\":...,\"parameters\":...}\n"
    "  tokens_per_sec: training tokens (both directions count once) per second; final_loss: mean of the\n"
    "  forward and backward NLL of the last step; heldout_perplexity: full softmax on every\n"
    "  --heldout-every-th line (null without held-out text). Ctrl-C stops and keeps the checkpoint;\n"
    "  rerunning the same command resumes from it.",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
