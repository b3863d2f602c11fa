#include "app/cli/Classify.h"

#include "app/cli/Files.h"
#include "app/cli/Interrupt.h"
#include "app/cli/ProgressPrinter.h"

namespace embedlab::cli {

CliCompareContext::CliCompareContext(const CommandContext& ctx) {
  const bool quiet = ctx.quiet;
  context_.onNote = [ctx](const std::string& message) { ctx.warn(message); };
  context_.onStageBegin = [this, quiet](const std::string& unit) {
    printer_.reset();
    guard_.reset();  // guards follow each other, never nest
    guard_ = std::make_unique<InterruptGuard>(token_);
    printer_ = std::make_unique<ProgressPrinter>(
        ProgressPrinter::Options{.unit = unit, .showLoss = false, .quiet = quiet});
  };
  context_.onProgress = [this](const Progress& p) {
    if (printer_) printer_->report(p);
  };
  context_.onStageEnd = [this] {
    printer_.reset();  // finishes the line
    guard_.reset();
  };
  context_.stop = &token_;
}

CliCompareContext::~CliCompareContext() = default;

ClassifyOutcome classifyTask(const TaskData& task, const ClassifySettings& settings, CommandContext& ctx) {
  const auto [kind, path] = splitFeatureSpec(settings.features);
  if (kind == "word2vec" && !path.empty()) requireInputFile(path);
  CliCompareContext cli(ctx);
  return embedlab::classifyTask(task, settings, cli.context());
}

nlohmann::ordered_json roundedExtras(const nlohmann::ordered_json& extra) {
  if (extra.is_number_float()) return roundForJson(extra.get<double>());
  if (extra.is_array() || extra.is_object()) {
    nlohmann::ordered_json out = extra;
    for (auto& item : out) item = roundedExtras(item);
    return out;
  }
  return extra;
}

}  // namespace embedlab::cli
