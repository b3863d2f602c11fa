#pragma once
// The one exception type of the engine. Its message is meant for a person: it names the file
// (or option) and the problem, e.g. "corpus.txt: not a text file (NUL bytes in the first 4 KiB)".
#include <stdexcept>
#include <string>

namespace embedlab {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Bad input that the caller supplied (unknown option, bad number, word not in the vocabulary).
// The CLI maps it to exit code 2, every other Error to 1.
class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace embedlab
