#pragma once
// The command line of one embedlab-cli command: declared flags, parsed values, typed getters.
// Accepts `--flag value` and `--flag=value`; a value may start with '-' (so "--dim -3" reaches
// the range check and is reported as out of range rather than as a missing value), but not with
// "--". Every problem is an embedlab::UsageError whose message names the flag, e.g.
//   "--dim: expected a whole number, got 'abc'"
//   "--sample: must be in [0, 1), got 2"
// Range checks happen in the getters, which each command calls before it starts any work.
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace embedlab::cli {

class ArgParser {
 public:
  // `program` is what the user typed to get here, e.g. "embedlab-cli train word2vec".
  explicit ArgParser(std::string program);

  // A flag with a value and a default (shown in --help; may be a description such as "auto").
  ArgParser& option(std::string name, std::string valueName, std::string defaultValue, std::string help);
  // A flag that must be given.
  ArgParser& required(std::string name, std::string valueName, std::string help);
  // A flag that may be given several times (getAll); `required`: at least once.
  ArgParser& repeated(std::string name, std::string valueName, std::string help, bool required);
  // A switch without a value.
  ArgParser& flag(std::string name, std::string help);

  // Throws UsageError on an unknown flag, a missing value, a repeated single-valued flag, a stray
  // positional argument or (unless --help was given) a missing required flag.
  void parse(const std::vector<std::string>& args);

  bool helpRequested() const { return help_; }
  const std::string& program() const { return program_; }
  // The "Flags:" block of --help: one line per flag with its default.
  std::string flagHelp() const;

  bool given(std::string_view name) const;
  // The value given, or the declared default.
  std::string get(std::string_view name) const;
  std::vector<std::string> getAll(std::string_view name) const;
  bool isSet(std::string_view name) const;  // switches

  // Whole numbers in [min, max]; "1e6" and "3.5" are rejected.
  int64_t getInt(std::string_view name, int64_t min, int64_t max) const;
  uint64_t getUInt(std::string_view name, uint64_t max) const;
  // Finite real numbers in [min, max] (or [min, max) with maxExclusive, (min, max] with minExclusive).
  double getDouble(std::string_view name, double min, double max, bool minExclusive = false,
                   bool maxExclusive = false) const;
  // One of `choices`, compared exactly.
  std::string getChoice(std::string_view name, std::initializer_list<std::string_view> choices) const;
  // A non-empty path.
  std::string getPath(std::string_view name) const;

 private:
  enum class Kind { Value, Required, Repeated, RepeatedRequired, Switch };
  struct Spec {
    std::string name, valueName, defaultValue, help;
    Kind kind;
  };
  ArgParser& add(Spec spec);
  const Spec* find(std::string_view name) const;
  const Spec& spec(std::string_view name) const;  // asserts the command declared it
  std::string suggestion(std::string_view unknown) const;

  std::string program_;
  std::vector<Spec> specs_;                               // declaration order, for --help
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
  bool help_ = false;
};

}  // namespace embedlab::cli
