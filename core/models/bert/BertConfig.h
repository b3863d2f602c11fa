#pragma once
// The hyper-parameters of a BERT model, as Hugging Face's config.json holds them (BertConfig).
// Field names here are the camelCase of the JSON keys. Keys that EmbedLab does not use
// (initializer_range aside, e.g. "classifier_dropout", "id2label", "transformers_version") are
// kept verbatim in `extra` so that a loaded config saves back with them.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace embedlab {

struct BertConfig {
  int64_t vocabSize = 30522;           // vocab_size
  int hiddenSize = 768;                // hidden_size (C)
  int numHiddenLayers = 12;            // num_hidden_layers (L)
  int numAttentionHeads = 12;          // num_attention_heads (NH; hiddenSize % NH == 0)
  int intermediateSize = 3072;         // intermediate_size (FF)
  int maxPositionEmbeddings = 512;     // max_position_embeddings (longest sequence T)
  int typeVocabSize = 2;               // type_vocab_size (segment ids 0..typeVocabSize-1)
  double layerNormEps = 1e-12;         // layer_norm_eps (double: saves back as written)
  // hidden_act: "gelu" (exact erf; also "gelu_python") or "gelu_new" (tanh approximation;
  // also "gelu_pytorch_tanh", "gelu_fast"). Kept as written so that it saves back unchanged.
  std::string hiddenAct = "gelu";
  double hiddenDropoutProb = 0.1;      // hidden_dropout_prob, in [0, 1)
  double attentionProbsDropoutProb = 0.1;  // attention_probs_dropout_prob, in [0, 1)
  double initializerRange = 0.02;      // initializer_range (std of the weights at init)
  int64_t padTokenId = 0;              // pad_token_id (its word-embedding row gets no gradient);
                                       // -1 = null in the file (no padding row)
  std::string modelType = "bert";      // model_type: must be "bert"
  std::vector<std::string> architectures;  // e.g. {"BertForPreTraining"}; empty = not written
  // Every other key of the file: key -> its JSON value serialised (e.g. "\"5.17.0\"", "null").
  std::map<std::string, std::string> extra;

  int headSize() const { return hiddenSize / numAttentionHeads; }
  // true for the tanh approximation ("gelu_new" family), false for the exact erf GELU.
  bool geluTanh() const;

  // Throws Error "<source>: <field> ..." for a value out of range (non-positive sizes, hidden
  // size not divisible by the heads, unknown activation, dropout outside [0,1), model_type not
  // "bert", pad_token_id outside the vocabulary).
  void validate(const std::string& source = "config") const;

  // Parses config.json text; `source` (the file name) opens every error message. Missing keys
  // keep the defaults above (as HF does); a key of the wrong type, or a value out of range, is
  // an Error naming the key. validate() runs at the end.
  static BertConfig fromJson(const std::string& text, const std::string& source = "config.json");
  // Reads a file; Error naming the file when it is missing or unreadable.
  static BertConfig load(const std::string& path);

  // config.json text as transformers writes it (sorted keys, 2-space indent), extras included.
  std::string toJson() const;
  // Writes toJson() atomically.
  void save(const std::string& path) const;
};

}  // namespace embedlab
