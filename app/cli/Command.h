#pragma once
// The command table of embedlab-cli. Each command lives in its own cmd_*.cpp and registers itself
// with a static CommandRegistration, so adding a command is adding a file:
//
//   static const embedlab::cli::CommandRegistration registration{{
//       "corpus stats", "count lines, tokens and words of a corpus",
//       "Example: ...\nOutput: {...}",
//       [](ArgParser& args) { args.required("corpus", "FILE", "..."); },
//       [](const ArgParser& args, CommandContext& ctx) -> nlohmann::ordered_json { ... }}};
//
// A command's run() reads its flags first (so that usage errors come before any work), does the
// work, and returns the one JSON object that main() prints on stdout. It reports failures by
// throwing embedlab::UsageError (exit 2) or embedlab::Error (exit 1).
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/cli/Args.h"

namespace embedlab::cli {

// What every command gets besides its flags.
struct CommandContext {
  bool quiet = false;  // --quiet: no progress or warnings on stderr (errors are still printed)
  // Prints "embedlab-cli: warning: <message>" on stderr unless quiet.
  void warn(const std::string& message) const;
};

struct Command {
  std::string name;     // words after "embedlab-cli", e.g. "train word2vec"
  std::string summary;  // one line for the command list
  std::string details;  // shown by --help after the flags: example and output keys
  std::function<void(ArgParser&)> defineFlags;
  std::function<nlohmann::ordered_json(const ArgParser&, CommandContext&)> run;
};

// A float32 result (a cosine, a score) as JSON shows it best: rounded to 6 decimals, so that it
// prints as 0.875556 and not as the float's exact binary value 0.8755563497543335.
double roundForJson(double value);

// All registered commands, sorted by name.
const std::vector<Command>& commands();

struct CommandRegistration {
  explicit CommandRegistration(Command command);
};

}  // namespace embedlab::cli
