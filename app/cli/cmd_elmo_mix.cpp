// embedlab-cli elmo mix: ELMo's learned scalar mix on a text-classification task with the biLM
// frozen (ElmoMixTrainer): the mix weights softmax(s) and γ learned jointly with a logistic
// regression on the mean-pooled mix, beside each layer alone and a refit on the learned mix.
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli/Command.h"
#include "app/cli/Interrupt.h"
#include "app/cli/ProgressPrinter.h"
#include "core/models/elmo/ElmoMixTrainer.h"
#include "core/util/Error.h"

namespace embedlab::cli {
namespace {

void defineFlags(ArgParser& args) {
  args.required("model", "DIR", "ELMo model directory (written by 'train elmo')")
      .required("task", "DIR", "task directory with train.tsv(.gz) and test.tsv(.gz), 'label<TAB>text' lines")
      .option("epochs", "N", "40", "epochs of the mix and its classifier (Adam), 1..100000")
      .option("batch", "N", "32", "examples per Adam step")
      .option("lr", "X", "0.01", "Adam learning rate of the mix and its classifier")
      .option("weight-decay", "X", "0.001", "decoupled weight decay of the classifier's weights")
      .option("max-tokens", "N", "0", "embed at most the first N tokens of each text (0: all)")
      .option("folds", "K", "5", "cross-validation folds for the single-layer classifiers' C")
      .option("c", "C", "0", "fixed C for the single-layer classifiers (0: by cross-validation)")
      .option("threads", "N", "0", "threads (0: all cores)")
      .option("seed", "S", "1", "seed of the mix's initialisation and shuffling")
      .flag("raw", "do not standardise the pooled layers (by default each dimension gets zero mean, unit variance)");
}

nlohmann::ordered_json scores(const ClassificationMetrics& m) {
  return {{"accuracy", roundForJson(m.accuracy)}, {"macro_f1", roundForJson(m.macroF1)}};
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext& ctx) {
  elmo::ElmoMixOptions o;
  o.modelDir = args.getPath("model");
  o.taskDir = args.getPath("task");
  o.mix.epochs = static_cast<int>(args.getInt("epochs", 1, 100000));
  o.mix.batch = static_cast<int>(args.getInt("batch", 1, 1000000));
  o.mix.lr = static_cast<float>(args.getDouble("lr", 0, 10, true));
  o.mix.weightDecay = static_cast<float>(args.getDouble("weight-decay", 0, 10));
  o.mix.seed = args.getUInt("seed", UINT64_MAX);
  o.embedder.maxTokens = static_cast<int>(args.getInt("max-tokens", 0, 1000000));
  o.classifier.cv.folds = static_cast<int>(args.getInt("folds", 2, 100));
  o.classifier.fixedC = args.getDouble("c", 0, 1e12);
  o.threads = static_cast<int>(args.getInt("threads", 0, 1024));
  o.standardize = !args.isSet("raw");

  const auto start = std::chrono::steady_clock::now();
  elmo::ElmoMixTrainer job(o);
  StopToken token;
  JobResult result;
  {
    InterruptGuard guard(token);
    ProgressPrinter printer({.unit = "texts", .showLoss = false, .quiet = ctx.quiet});
    result = job.run([&](const Progress& p) { printer.report(p); }, token);
    printer.finish();
  }
  switch (result.status) {
    case JobStatus::Finished: break;
    case JobStatus::Stopped: throw Error("interrupted: " + result.message);
    case JobStatus::Failed: throw Error(result.message.empty() ? "the scalar mix failed" : result.message);
  }
  const elmo::ElmoMixResult& r = job.result();
  std::vector<double> weights, scalars;
  for (float w : r.weights) weights.push_back(roundForJson(w));
  for (float s : r.scalars) scalars.push_back(roundForJson(s));
  nlohmann::ordered_json layers = nlohmann::ordered_json::array();
  for (const auto& l : r.layers) {
    nlohmann::ordered_json row = {{"layer", l.layer}};
    row.update(scores(l.metrics));
    row["c"] = l.c;
    layers.push_back(row);
  }
  nlohmann::ordered_json refit = scores(r.mixRefit.metrics);
  refit["c"] = r.mixRefit.c;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {{"weights", weights},
          {"gamma", roundForJson(r.gamma)},
          {"layers", layers},
          {"mix", scores(r.mix)},
          {"mix_refit", refit},
          {"scalars", scalars},
          {"labels", r.labels},
          {"train_examples", r.trainExamples},
          {"test_examples", r.testExamples},
          {"embed_seconds", roundForJson(r.embedSeconds)},
          {"seconds", roundForJson(seconds)}};
}

const CommandRegistration registration{{
    "elmo mix",
    "learn ELMo's layer weights on a classification task; compare single layers and the mix",
    "Example:\n"
    "  embedlab-cli elmo mix --model elmo-run --task data/tasks/spam --epochs 40\n"
    "Output:\n"
    "  {\"weights\":[w0,w1,w2],\"gamma\":..,\"layers\":[{\"layer\":0,\"accuracy\":..,\"macro_f1\":..,\"c\":..},...],\n"
    "   \"mix\":{\"accuracy\":..,\"macro_f1\":..},\"mix_refit\":{\"accuracy\":..,\"macro_f1\":..,\"c\":..},\n"
    "   \"scalars\":[s0,s1,s2],\"labels\":[..],\"train_examples\":..,\"test_examples\":..,\"embed_seconds\":..,\"seconds\":..}\n"
    "  weights = softmax(s), learned with gamma jointly with a logistic regression on the mean-pooled\n"
    "  mix (Adam); mix: that classifier on the test split. layers: each layer alone, and mix_refit: the\n"
    "  learned mix's features, with L2 logistic regression (L-BFGS, C by cross-validation).",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
