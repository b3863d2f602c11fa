#pragma once
// ELMo's character ids of a token: its UTF-8 bytes between a begin-of-word and an end-of-word
// mark, padded to a fixed width (50, as ELMo). Ids are the raw ELMo values + 1, so that 0 is
// never a character (ELMo keeps 0 for masked, all-padding tokens):
//   byte b -> b+1,  BOW 257, EOW 258, sentence start 259, sentence end 260, padding 261.
// A token longer than maxChars-2 bytes is cut (possibly inside a UTF-8 sequence, as ELMo does)
// and still ends with EOW. The sentence boundaries <s> and </s> are single-character tokens.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace embedlab::elmo {

class ElmoCharacters {
 public:
  static constexpr int kMaxChars = 50;
  static constexpr int kVocabSize = 262;  // rows of the character embedding
  static constexpr int32_t kBeginOfWord = 257;
  static constexpr int32_t kEndOfWord = 258;
  static constexpr int32_t kBeginOfSentence = 259;
  static constexpr int32_t kEndOfSentence = 260;
  static constexpr int32_t kPadding = 261;

  static const std::string& sentenceStart();  // "<s>"
  static const std::string& sentenceEnd();    // "</s>"

  // out: (maxChars). "<s>" and "</s>" get the sentence-boundary characters. maxChars >= 3.
  static void encode(std::string_view token, int32_t* out, int maxChars = kMaxChars);
  // tokens (T) -> (T, maxChars)
  static std::vector<int32_t> encode(const std::vector<std::string>& tokens,
                                     int maxChars = kMaxChars);
};

}  // namespace embedlab::elmo
