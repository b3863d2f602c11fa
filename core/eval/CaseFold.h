#pragma once
// Lowercasing of UTF-8 words for case-insensitive lookups in evaluation sets: ASCII, Latin-1,
// Latin Extended-A, Greek and Cyrillic (the scripts of the evaluation sets in use); everything
// else is copied unchanged. Invalid UTF-8 bytes are copied unchanged too.
#include <string>
#include <string_view>

namespace embedlab {

std::string lowercaseUtf8(std::string_view word);

}  // namespace embedlab
