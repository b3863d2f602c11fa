#pragma once
// What a model given to a comparison is: a vectors file (.vec/.txt/.bin/.gz), a folder holding
// one (a Word2Vec run), a Hugging Face BERT directory (config.json with model_type "bert") or an
// EmbedLab ELMo directory (model.safetensors with the configuration in its metadata).
#include <string>

namespace embedlab {

struct ModelSource {
  std::string name;  // shown in reports: "<file or folder name> (<kind>)"
  std::string kind;  // "word2vec", "bert", "elmo" (a features kind)
  std::string path;  // the vectors file or the model directory
  std::string spec() const { return kind + ":" + path; }  // the features spec

  // Throws UsageError "PATH: <problem>" when the path is missing or none of the kinds above.
  static ModelSource resolve(const std::string& path);
};

}  // namespace embedlab
