#pragma once
// What `eval classify` and `report` share, over core/compare: the features kinds and
// classifyTask with the CLI's ways of talking — notes as warnings on stderr, one progress line per
// stage of work (loading vectors, embedding texts), Ctrl-C stopping the stage in progress — and
// the JSON form of a provider's extras.
#include <memory>
#include <string>

#include "app/cli/Command.h"
#include "core/compare/FeatureProviders.h"
#include "core/compare/TaskClassifier.h"

namespace embedlab::cli {

using embedlab::checkFeatureSpec;
using embedlab::ClassifyOutcome;
using embedlab::ClassifySettings;
using embedlab::featureKindsHelp;
using embedlab::hasFeatureKind;

class InterruptGuard;
class ProgressPrinter;

// A CompareContext for the terminal. Stages hold an InterruptGuard (the first Ctrl-C stops the
// stage, the second ends the process), as the CLI's commands do around their long work.
class CliCompareContext {
 public:
  explicit CliCompareContext(const CommandContext& ctx);
  ~CliCompareContext();
  CliCompareContext(const CliCompareContext&) = delete;
  CliCompareContext& operator=(const CliCompareContext&) = delete;

  const CompareContext& context() const { return context_; }

 private:
  StopToken token_;
  std::unique_ptr<ProgressPrinter> printer_;
  std::unique_ptr<InterruptGuard> guard_;
  CompareContext context_;
};

// classifyTask of core/compare with a CliCompareContext; a word2vec file is checked first as
// every command checks its input files.
ClassifyOutcome classifyTask(const TaskData& task, const ClassifySettings& settings, CommandContext& ctx);

// A provider's extras for the JSON output: every floating-point number through roundForJson.
nlohmann::ordered_json roundedExtras(const nlohmann::ordered_json& extra);

}  // namespace embedlab::cli
