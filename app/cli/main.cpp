// embedlab-cli: finds the command in the table (Command.h), parses its flags, runs it, prints its
// JSON object on stdout. Exit codes: 0 success, 1 runtime error (embedlab::Error, out of memory,
// anything unexpected), 2 usage error (embedlab::UsageError: unknown flag, bad number, missing
// flag, word not in the vocabulary). Every error is one line on stderr; nothing escapes main().
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/cli/Args.h"
#include "app/cli/Command.h"
#include "core/util/Error.h"
#include "core/version.h"

namespace {

using embedlab::cli::ArgParser;
using embedlab::cli::Command;
using embedlab::cli::CommandContext;

constexpr int kExitOk = 0, kExitRuntime = 1, kExitUsage = 2;

void printError(const std::string& message) {
  // One line, whatever the message holds.
  std::string line = message;
  for (char& c : line)
    if (c == '\n' || c == '\r') c = ' ';
  std::fprintf(stderr, "embedlab-cli: %s\n", line.c_str());
  std::fflush(stderr);
}

std::string topLevelHelp() {
  std::string text =
      "Usage: embedlab-cli <command> [flags]\n"
      "       embedlab-cli <command> --help\n"
      "\n"
      "EmbedLab's command line: train word embeddings and explore them. Every command prints one\n"
      "JSON object on stdout at the end; progress and warnings go to stderr.\n"
      "Exit codes: 0 success, 1 runtime error (bad or missing file, ...), 2 usage error.\n"
      "\n"
      "Commands:\n";
  size_t width = 0;
  for (const Command& c : embedlab::cli::commands()) width = std::max(width, c.name.size());
  for (const Command& c : embedlab::cli::commands())
    text += "  " + c.name + std::string(width + 2 - c.name.size(), ' ') + c.summary + "\n";
  text +=
      "\n"
      "Flags:\n"
      "  --help     show this help and exit\n"
      "  --version  print the version and exit\n";
  return text;
}

// "train" -> the commands under it, for `embedlab-cli train --help` and for the error message.
std::vector<const Command*> commandsUnder(const std::string& prefix) {
  std::vector<const Command*> out;
  for (const Command& c : embedlab::cli::commands())
    if (c.name.compare(0, prefix.size() + 1, prefix + " ") == 0) out.push_back(&c);
  return out;
}

std::string commandHelp(const Command& c, const ArgParser& parser) {
  std::string text = "Usage: " + parser.program() + " [flags]\n\n" + c.summary + "\n\n" + parser.flagHelp();
  if (!c.details.empty()) text += "\n" + c.details + (c.details.back() == '\n' ? "" : "\n");
  return text;
}

void printJson(const nlohmann::ordered_json& result) {
  // error_handler::replace: a label with invalid UTF-8 must not turn a finished run into an error.
  std::cout << result.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
  std::cout.flush();
  if (!std::cout) throw embedlab::Error("cannot write the result to stdout");
}

int run(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::fputs(topLevelHelp().c_str(), stderr);
    return kExitUsage;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fputs(topLevelHelp().c_str(), stdout);
    return kExitOk;
  }
  if (args[0] == "--version") {
    std::printf("embedlab-cli %s\n", embedlab::version());
    return kExitOk;
  }

  // The command is the longest run of leading words that names one.
  const Command* command = nullptr;
  size_t words = 0;
  std::string name;
  for (size_t i = 0; i < args.size() && args[i].compare(0, 1, "-") != 0; ++i) {
    name += (i ? " " : "") + args[i];
    for (const Command& c : embedlab::cli::commands())
      if (c.name == name) command = &c, words = i + 1;
  }
  if (!command) {
    // A group word alone ("train", "eval"), or nothing known at all.
    const std::string first = args[0].compare(0, 1, "-") == 0 ? "" : args[0];
    const auto group = commandsUnder(first);
    if (!first.empty() && !group.empty()) {
      bool help = false;
      for (const std::string& a : args) help = help || a == "--help" || a == "-h";
      size_t width = 0;
      for (const Command* c : group) width = std::max(width, c->name.size());
      std::string list;
      for (const Command* c : group) list += "  " + c->name + std::string(width + 2 - c->name.size(), ' ') + c->summary + "\n";
      if (help) {
        std::printf("Usage: embedlab-cli %s <subcommand> [flags]\n\nSubcommands:\n%s", first.c_str(), list.c_str());
        return kExitOk;
      }
      std::string names;
      for (const Command* c : group) names += (names.empty() ? "" : ", ") + c->name.substr(first.size() + 1);
      const std::string given = args.size() > 1 && args[1].compare(0, 1, "-") != 0 ? "unknown subcommand '" + args[1] + "'"
                                                                                     : "missing subcommand";
      throw embedlab::UsageError(first + ": " + given + " (one of: " + names + "; see 'embedlab-cli " + first +
                                 " --help')");
    }
    if (first.empty()) throw embedlab::UsageError("unknown flag " + args[0] + " (see 'embedlab-cli --help')");
    throw embedlab::UsageError("unknown command '" + first + "' (see 'embedlab-cli --help')");
  }

  ArgParser parser("embedlab-cli " + command->name);
  command->defineFlags(parser);
  parser.flag("quiet", "no progress or warnings on stderr (errors are still printed)");
  parser.parse(std::vector<std::string>(args.begin() + static_cast<std::ptrdiff_t>(words), args.end()));
  if (parser.helpRequested()) {
    std::fputs(commandHelp(*command, parser).c_str(), stdout);
    return kExitOk;
  }
  CommandContext context;
  context.quiet = parser.isSet("quiet");
  const nlohmann::ordered_json result = command->run(parser, context);
  printJson(result);
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  // A closed stdout pipe must become a write error we report, not a silent death by SIGPIPE.
  signal(SIGPIPE, SIG_IGN);
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const embedlab::UsageError& e) {
    printError(e.what());
    return kExitUsage;
  } catch (const embedlab::Error& e) {
    printError(e.what());
    return kExitRuntime;
  } catch (const std::bad_alloc&) {
    printError("out of memory");
    return kExitRuntime;
  } catch (const std::exception& e) {
    printError(std::string("unexpected error: ") + e.what());
    return kExitRuntime;
  } catch (...) {
    printError("unexpected error");
    return kExitRuntime;
  }
}
