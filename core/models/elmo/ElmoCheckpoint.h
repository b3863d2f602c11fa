#pragma once
// A trained biLM on disk, self-describing: DIR/model.safetensors holds every parameter and, in
// its metadata under "elmo_config", the JSON of every ElmoOptions field, the vocabulary size and
// the tokenizer options the corpus was read with; DIR/vocab.txt holds the softmax vocabulary.
// load() checks everything before it trusts it (configuration values, every tensor's shape,
// the vocabulary's size) and names the file and the problem when something is wrong.
//
// elmo_config (version 1):
//   {"format":"embedlab-elmo","version":1,"vocab_size":V,"char_embed":16,"max_chars":50,
//    "filters":[[1,32],[2,32],...],"activation":"relu","highway":1,"projection":256,
//    "lstm_hidden":512,"layers":2,"cell_clip":3,"proj_clip":3,"sampled":0,
//    "tokenizer":{"pre_tokenized":false,"lowercase":true,"keep_punctuation":true}}
#include <memory>
#include <string>

#include "core/models/elmo/ElmoModel.h"
#include "core/models/elmo/ElmoVocabulary.h"
#include "core/text/Tokenizer.h"

namespace embedlab::elmo {

struct ElmoConfig {
  ElmoOptions model;
  int vocabSize = 0;
  Tokenizer::Options tokenizer;
};

// What a model directory holds, ready to use.
struct ElmoBundle {
  std::string dir;
  std::unique_ptr<ElmoModel> model;
  ElmoVocabulary vocabulary;
  Tokenizer::Options tokenizer;  // how to split raw text for this model
};

class ElmoCheckpoint {
 public:
  static constexpr const char* kModelFile = "model.safetensors";
  static constexpr const char* kVocabFile = "vocab.txt";
  static constexpr const char* kConfigKey = "elmo_config";

  static std::string configToJson(const ElmoConfig& config);
  // Throws Error "<label>: ..." for malformed JSON, missing or mistyped fields, or values no model
  // can have (ElmoModel::validate).
  static ElmoConfig configFromJson(const std::string& json, const std::string& label);

  // Writes DIR/vocab.txt and DIR/model.safetensors (each atomically); creates DIR.
  static void save(const std::string& dir, const ElmoModel& model, const ElmoVocabulary& vocabulary,
                   const Tokenizer::Options& tokenizer);
  // Throws Error naming the file: missing directory or file, no or bad configuration, a tensor
  // missing or of the wrong shape, a vocabulary of another size than the configuration's.
  static ElmoBundle load(const std::string& dir);
};

}  // namespace embedlab::elmo
