#include "app/cli/Command.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace embedlab::cli {

namespace {
// Function-local so that registrations from other translation units' static initialisers find
// it constructed whatever the initialisation order.
std::vector<Command>& table() {
  static std::vector<Command> commands;
  return commands;
}
}  // namespace

void CommandContext::warn(const std::string& message) const {
  if (!quiet) std::fprintf(stderr, "embedlab-cli: warning: %s\n", message.c_str());
}

const std::vector<Command>& commands() { return table(); }

double roundForJson(double value) {
  if (!std::isfinite(value)) return value;
  return std::round(value * 1e6) / 1e6;
}

CommandRegistration::CommandRegistration(Command command) {
  auto& t = table();
  auto at = std::lower_bound(t.begin(), t.end(), command.name,
                             [](const Command& c, const std::string& name) { return c.name < name; });
  t.insert(at, std::move(command));
}

}  // namespace embedlab::cli
