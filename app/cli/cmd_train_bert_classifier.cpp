// embedlab-cli train bert-classifier: fine-tunes a pre-trained BERT directory on a
// `label<TAB>text` task (train.tsv / test.tsv) and reports the test split's metrics; the
// fine-tuned model goes to --out as a Hugging Face BertForSequenceClassification directory.
#include <filesystem>

#include <nlohmann/json.hpp>

#include "app/cli/Command.h"
#include "app/cli/Files.h"
#include "app/cli/Interrupt.h"
#include "app/cli/ProgressPrinter.h"
#include "core/models/bert/BertClassifier.h"
#include "core/util/Error.h"

namespace embedlab::cli {
namespace {

void defineFlags(ArgParser& args) {
  args.required("model", "DIR", "pre-trained BERT (Hugging Face directory: config.json, model.safetensors, vocab.txt)")
      .required("task", "DIR", "task directory with train.tsv and test.tsv (label<TAB>text per line; .gz allowed)")
      .required("out", "DIR", "where to write the fine-tuned BertForSequenceClassification")
      .option("epochs", "N", "3", "passes over the training examples")
      .option("lr", "X", "3e-5", "peak learning rate (AdamW; linear warm-up over --warmup-ratio, then decay to 0)")
      .option("batch", "N", "16", "examples per step")
      .option("warmup-ratio", "X", "0.1", "share of the steps spent warming up, in [0, 1]")
      .option("weight-decay", "X", "0.01", "AdamW decoupled weight decay (not on LayerNorm and biases)")
      .option("dropout", "X", "auto", "dropout before the classifier (auto: the model's classifier or hidden dropout)")
      .option("max-len", "N", "128", "longer texts are truncated to N WordPieces, [CLS] and [SEP] included")
      .option("threads", "N", "0", "OpenMP threads (0: all cores)")
      .option("seed", "S", "1", "random seed (classifier initialisation, dropout, example order)");
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext& ctx) {
  BertClassifierOptions o;
  o.modelDir = args.getPath("model");
  o.taskDir = args.getPath("task");
  o.outDir = args.getPath("out");
  o.epochs = static_cast<int>(args.getInt("epochs", 1, 100000));
  o.lr = args.getDouble("lr", 0, 10, true, false);
  o.batch = static_cast<int>(args.getInt("batch", 1, 1 << 16));
  o.warmupRatio = args.getDouble("warmup-ratio", 0, 1);
  o.weightDecay = args.getDouble("weight-decay", 0, 10);
  if (args.given("dropout") && args.get("dropout") != "auto") o.dropout = args.getDouble("dropout", 0, 1, false, true);
  o.maxLength = static_cast<int>(args.getInt("max-len", 3, 1 << 20));
  o.threads = static_cast<int>(args.getInt("threads", 0, 1024));
  o.seed = args.getUInt("seed", UINT64_MAX);
  o.reportIntervalSeconds = 0.1;
  o.validate();
  std::error_code ec;
  if (!std::filesystem::is_directory(o.modelDir, ec)) throw Error("--model: " + o.modelDir + ": not a directory");
  if (!std::filesystem::is_directory(o.taskDir, ec)) throw Error("--task: " + o.taskDir + ": not a directory");
  if (std::filesystem::exists(o.outDir, ec) && !std::filesystem::is_directory(o.outDir, ec))
    throw Error("--out: " + o.outDir + " exists and is not a directory");

  BertClassifier job(o);
  StopToken token;
  JobResult result;
  {
    InterruptGuard guard(token);
    ProgressPrinter printer({.unit = "examples", .showLoss = true, .quiet = ctx.quiet});
    result = job.run([&](const Progress& p) { printer.report(p); }, token);
    printer.finish();
  }
  switch (result.status) {
    case JobStatus::Finished: break;
    case JobStatus::Stopped: throw Error("interrupted: fine-tuning " + result.message + ", " + o.outDir + " was not written");
    case JobStatus::Failed: throw Error(result.message.empty() ? "fine-tuning failed" : result.message);
  }
  const BertClassifierSummary& s = job.summary();
  nlohmann::ordered_json perClass = nlohmann::ordered_json::object();
  for (size_t c = 0; c < s.labels.size() && c < s.test.perClass.size(); ++c) {
    const ClassMetrics& m = s.test.perClass[c];
    perClass[s.labels[c]] = {{"precision", roundForJson(m.precision)},
                             {"recall", roundForJson(m.recall)},
                             {"f1", roundForJson(m.f1)},
                             {"support", m.support}};
  }
  return {{"accuracy", roundForJson(s.test.accuracy)},
          {"macro_f1", roundForJson(s.test.macroF1)},
          {"per_class", perClass},
          {"confusion", s.test.confusion},
          {"labels", s.labels},
          {"steps", s.steps},
          {"final_loss", roundForJson(s.finalLoss)},
          {"train_seconds", roundForJson(s.trainSeconds)},
          {"seconds", roundForJson(s.seconds)},
          {"out", o.outDir}};
}

const CommandRegistration registration{{
    "train bert-classifier",
    "fine-tune a pre-trained BERT for text classification on a label<TAB>text task",
    "Example:\n"
    "  embedlab-cli train bert-classifier --model bert-mini --task data/tasks/spam --epochs 3 --out spam-bert\n"
    "Output:\n"
    "  {\"accuracy\":..,\"macro_f1\":..,\"per_class\":{\"ham\":{\"precision\":..,\"recall\":..,\"f1\":..,\n"
    "  \"support\":..},...},\"confusion\":[[..]],\"labels\":[...],\"steps\":..,\"final_loss\":..,\n"
    "  \"train_seconds\":..,\"seconds\":..,\"out\":\"spam-bert\"}\n"
    "  Metrics are on test.tsv; classes are the training labels in sorted order. The model is\n"
    "  [CLS] -> pooler -> dropout -> linear -> softmax, all of it fine-tuned (BertForSequenceClassification).\n"
    "  Ctrl-C stops fine-tuning; nothing is written then (exit code 1).",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
