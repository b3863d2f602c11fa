#include "app/cli/Args.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <sstream>
#include <system_error>

#include "core/util/Error.h"

namespace embedlab::cli {

namespace {

// Levenshtein distance, for "did you mean --dim?" on short flag names.
size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string formatNumber(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

}  // namespace

ArgParser::ArgParser(std::string program) : program_(std::move(program)) {}

ArgParser& ArgParser::add(Spec spec) {
  assert(!find(spec.name) && "flag declared twice");
  specs_.push_back(std::move(spec));
  return *this;
}

ArgParser& ArgParser::option(std::string name, std::string valueName, std::string defaultValue,
                             std::string help) {
  return add({std::move(name), std::move(valueName), std::move(defaultValue), std::move(help), Kind::Value});
}

ArgParser& ArgParser::required(std::string name, std::string valueName, std::string help) {
  return add({std::move(name), std::move(valueName), "", std::move(help), Kind::Required});
}

ArgParser& ArgParser::repeated(std::string name, std::string valueName, std::string help, bool required) {
  return add({std::move(name), std::move(valueName), "", std::move(help),
              required ? Kind::RepeatedRequired : Kind::Repeated});
}

ArgParser& ArgParser::flag(std::string name, std::string help) {
  return add({std::move(name), "", "", std::move(help), Kind::Switch});
}

const ArgParser::Spec* ArgParser::find(std::string_view name) const {
  for (const Spec& s : specs_)
    if (s.name == name) return &s;
  return nullptr;
}

const ArgParser::Spec& ArgParser::spec(std::string_view name) const {
  const Spec* s = find(name);
  assert(s && "getter for a flag the command did not declare");
  if (!s) throw Error("internal error: undeclared flag --" + std::string(name));
  return *s;
}

std::string ArgParser::suggestion(std::string_view unknown) const {
  const Spec* best = nullptr;
  size_t bestDistance = 3;  // further than 2 edits is a different word, not a typo
  for (const Spec& s : specs_) {
    const size_t d = editDistance(unknown, s.name);
    if (d < bestDistance) bestDistance = d, best = &s;
  }
  return best ? " (did you mean --" + best->name + "?)" : "";
}

void ArgParser::parse(const std::vector<std::string>& args) {
  const std::string seeHelp = " (see '" + program_ + " --help')";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      help_ = true;
      continue;
    }
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0)
      throw UsageError("unexpected argument '" + arg + "'" + seeHelp);

    const size_t eq = arg.find('=');
    const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    const Spec* s = find(name);
    if (!s) throw UsageError("unknown flag --" + name + suggestion(name) + seeHelp);

    if (s->kind == Kind::Switch) {
      if (eq != std::string::npos) throw UsageError("--" + name + " takes no value");
      values_[name].push_back("1");
      continue;
    }
    std::string value;
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
    } else {
      // The next argument is the value unless it is another flag; "-3" is a value.
      if (i + 1 >= args.size() || args[i + 1].compare(0, 2, "--") == 0)
        throw UsageError("--" + name + ": missing value (" + s->valueName + ")");
      value = args[++i];
    }
    if (value.empty()) throw UsageError("--" + name + ": empty value");
    auto& slot = values_[name];
    const bool many = s->kind == Kind::Repeated || s->kind == Kind::RepeatedRequired;
    if (!many && !slot.empty()) throw UsageError("--" + name + " given more than once");
    slot.push_back(std::move(value));
  }
  if (help_) return;
  for (const Spec& s : specs_) {
    if ((s.kind == Kind::Required || s.kind == Kind::RepeatedRequired) && !given(s.name))
      throw UsageError("missing required flag --" + s.name + " " + s.valueName + seeHelp);
  }
}

std::string ArgParser::flagHelp() const {
  std::vector<std::pair<std::string, std::string>> rows;
  size_t width = 0;
  for (const Spec& s : specs_) {
    std::string left = "  --" + s.name;
    if (!s.valueName.empty()) left += " " + s.valueName;
    std::string right = s.help;
    switch (s.kind) {
      case Kind::Required: right += " (required)"; break;
      case Kind::RepeatedRequired: right += " (required; may be repeated)"; break;
      case Kind::Repeated: right += " (may be repeated)"; break;
      case Kind::Value:
        if (!s.defaultValue.empty()) right += " (default: " + s.defaultValue + ")";
        break;
      case Kind::Switch: break;
    }
    width = std::max(width, left.size());
    rows.emplace_back(std::move(left), std::move(right));
  }
  rows.emplace_back("  --help", "show this help and exit");
  width = std::max(width, rows.back().first.size());
  // Descriptions wrap at word boundaries to stay within ~100 columns, continued under themselves.
  const size_t column = width + 2;
  const size_t textWidth = column < 60 ? 100 - column : 40;
  std::string out = "Flags:\n";
  for (auto& [left, right] : rows) {
    out += left;
    out.append(column - left.size(), ' ');
    size_t lineLength = 0;
    std::istringstream words(right);
    std::string word;
    while (words >> word) {
      if (lineLength > 0 && lineLength + 1 + word.size() > textWidth) {
        out += '\n';
        out.append(column, ' ');
        lineLength = 0;
      } else if (lineLength > 0) {
        out += ' ';
        ++lineLength;
      }
      out += word;
      lineLength += word.size();
    }
    out += "\n";
  }
  return out;
}

bool ArgParser::given(std::string_view name) const {
  auto it = values_.find(name);
  return it != values_.end() && !it->second.empty();
}

std::string ArgParser::get(std::string_view name) const {
  const Spec& s = spec(name);
  auto it = values_.find(name);
  if (it != values_.end() && !it->second.empty()) return it->second.front();
  return s.defaultValue;
}

std::vector<std::string> ArgParser::getAll(std::string_view name) const {
  spec(name);
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

bool ArgParser::isSet(std::string_view name) const {
  spec(name);
  return given(name);
}

int64_t ArgParser::getInt(std::string_view name, int64_t min, int64_t max) const {
  const std::string text = get(name);
  int64_t v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  const std::string flag = "--" + std::string(name);
  if (ec == std::errc::result_out_of_range)
    throw UsageError(flag + ": must be between " + std::to_string(min) + " and " + std::to_string(max) +
                     ", got " + text);
  if (ec != std::errc() || ptr != end) throw UsageError(flag + ": expected a whole number, got '" + text + "'");
  if (v < min || v > max)
    throw UsageError(flag + ": must be between " + std::to_string(min) + " and " + std::to_string(max) +
                     ", got " + text);
  return v;
}

uint64_t ArgParser::getUInt(std::string_view name, uint64_t max) const {
  const std::string text = get(name);
  const std::string flag = "--" + std::string(name);
  if (!text.empty() && text[0] == '-')
    throw UsageError(flag + ": must be between 0 and " + std::to_string(max) + ", got " + text);
  uint64_t v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec == std::errc() && ptr == end && v <= max) return v;
  if (ec == std::errc::result_out_of_range || (ec == std::errc() && ptr == end))
    throw UsageError(flag + ": must be between 0 and " + std::to_string(max) + ", got " + text);
  throw UsageError(flag + ": expected a whole number, got '" + text + "'");
}

double ArgParser::getDouble(std::string_view name, double min, double max, bool minExclusive,
                            bool maxExclusive) const {
  const std::string text = get(name);
  const std::string flag = "--" + std::string(name);
  double v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v))
    throw UsageError(flag + ": expected a number, got '" + text + "'");
  const bool low = minExclusive ? v <= min : v < min;
  const bool high = maxExclusive ? v >= max : v > max;
  if (low || high)
    throw UsageError(flag + ": must be in " + (minExclusive ? "(" : "[") + formatNumber(min) + ", " +
                     formatNumber(max) + (maxExclusive ? ")" : "]") + ", got " + text);
  return v;
}

std::string ArgParser::getChoice(std::string_view name, std::initializer_list<std::string_view> choices) const {
  const std::string value = get(name);
  std::string list;
  for (std::string_view c : choices) {
    if (c == value) return value;
    list += (list.empty() ? "" : ", ") + std::string(c);
  }
  throw UsageError("--" + std::string(name) + ": expected one of " + list + ", got '" + value + "'");
}

std::string ArgParser::getPath(std::string_view name) const {
  std::string value = get(name);
  if (value.empty()) throw UsageError("--" + std::string(name) + ": empty path");
  return value;
}

}  // namespace embedlab::cli
