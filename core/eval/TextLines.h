#pragma once
// Reading small evaluation files (question and pair lists): the whole file, checked to be text.
#include <string>
#include <string_view>
#include <vector>

namespace embedlab {

// The file's bytes. Throws Error naming the path when it is missing, a directory, empty,
// unreadable, holds NUL bytes (a binary file) or is not valid UTF-8 (naming the line).
std::string readEvalFile(const std::string& path);

// Splits text into lines (without "\n" or a trailing "\r").
std::vector<std::string_view> splitLines(std::string_view text);

// Fields separated by runs of spaces and tabs; with tabsOnly, by single tabs (fields may hold spaces).
std::vector<std::string_view> splitFields(std::string_view line, bool tabsOnly = false);

// Checks UTF-8 line by line; throws Error "name: line L: not valid UTF-8".
void checkUtf8Text(std::string_view text, const std::string& name);

}  // namespace embedlab
