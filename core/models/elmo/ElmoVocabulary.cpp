#include "core/models/elmo/ElmoVocabulary.h"

#include <fstream>

#include "core/models/elmo/ElmoCharacters.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab::elmo {

ElmoVocabulary::ElmoVocabulary() {
  add(ElmoCharacters::sentenceStart());
  add(ElmoCharacters::sentenceEnd());
  add("<unk>");
}

void ElmoVocabulary::add(const std::string& word) {
  if (index_.count(word)) return;  // a corpus word spelled like a special token is the special
  index_.emplace(word, static_cast<int32_t>(words_.size()));
  words_.push_back(word);
}

ElmoVocabulary ElmoVocabulary::fromVocabulary(const Vocabulary& counts, int64_t maxVocab) {
  ElmoVocabulary v;
  for (int64_t i = 0; i < counts.size(); ++i) {
    if (maxVocab > 0 && v.size() >= maxVocab) break;
    v.add(counts.word(i));
  }
  return v;
}

ElmoVocabulary ElmoVocabulary::fromWords(const std::vector<std::string>& words) {
  ElmoVocabulary v;
  for (const auto& w : words) v.add(w);
  return v;
}

int32_t ElmoVocabulary::id(std::string_view word) const {
  auto it = index_.find(std::string(word));
  return it == index_.end() ? kUnk : it->second;
}

void ElmoVocabulary::save(const std::string& path) const {
  std::string text;
  for (const auto& w : words_) text += w + "\n";
  writeFileAtomically(path, text);
}

ElmoVocabulary ElmoVocabulary::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open the ELMo vocabulary");
  std::vector<std::string> words;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.find_first_of(" \t") != std::string::npos)
      throw Error(path + ": line " + std::to_string(words.size() + 1) +
                  " is not a single word");
    words.push_back(line);
  }
  if (words.size() < 3 || words[0] != "<s>" || words[1] != "</s>" || words[2] != "<unk>")
    throw Error(path + ": not an ELMo vocabulary (must start with <s>, </s>, <unk>)");
  ElmoVocabulary v = fromWords(words);
  if (v.size() != static_cast<int32_t>(words.size()))
    throw Error(path + ": duplicate words in the ELMo vocabulary");
  return v;
}

}  // namespace embedlab::elmo
