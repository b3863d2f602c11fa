#include "core/models/elmo/ElmoCharacters.h"

#include <algorithm>

#include "core/util/Error.h"

namespace embedlab::elmo {

const std::string& ElmoCharacters::sentenceStart() {
  static const std::string s = "<s>";
  return s;
}

const std::string& ElmoCharacters::sentenceEnd() {
  static const std::string s = "</s>";
  return s;
}

void ElmoCharacters::encode(std::string_view token, int32_t* out, int maxChars) {
  if (maxChars < 3) throw Error("elmo: characters per token must be at least 3");
  std::fill(out, out + maxChars, kPadding);
  out[0] = kBeginOfWord;
  if (token == sentenceStart() || token == sentenceEnd()) {
    out[1] = token == sentenceStart() ? kBeginOfSentence : kEndOfSentence;
    out[2] = kEndOfWord;
    return;
  }
  const size_t n = std::min(token.size(), static_cast<size_t>(maxChars - 2));
  for (size_t i = 0; i < n; ++i) out[1 + i] = static_cast<unsigned char>(token[i]) + 1;
  out[1 + n] = kEndOfWord;
}

std::vector<int32_t> ElmoCharacters::encode(const std::vector<std::string>& tokens,
                                            int maxChars) {
  std::vector<int32_t> ids(tokens.size() * static_cast<size_t>(maxChars));
  for (size_t t = 0; t < tokens.size(); ++t) encode(tokens[t], ids.data() + t * maxChars, maxChars);
  return ids;
}

}  // namespace embedlab::elmo
