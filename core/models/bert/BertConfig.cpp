#include "core/models/bert/BertConfig.h"

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {

using Json = nlohmann::json;

const std::set<std::string>& erfActs() {
  static const std::set<std::string> s{"gelu", "gelu_python"};
  return s;
}
const std::set<std::string>& tanhActs() {
  static const std::set<std::string> s{"gelu_new", "gelu_pytorch_tanh", "gelu_fast"};
  return s;
}

std::string shown(const Json& v) {
  std::string s = v.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

// An integer field: a JSON integer, or a float with an integral value (64.0).
int64_t readInt(const Json& j, const std::string& key, const std::string& source) {
  const Json& v = j.at(key);
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) return static_cast<int64_t>(d);
  }
  throw Error(source + ": '" + key + "' must be an integer, got " + shown(v));
}

double readNumber(const Json& j, const std::string& key, const std::string& source) {
  const Json& v = j.at(key);
  if (!v.is_number() || !std::isfinite(v.get<double>()))
    throw Error(source + ": '" + key + "' must be a number, got " + shown(v));
  return v.get<double>();
}

std::string readString(const Json& j, const std::string& key, const std::string& source) {
  const Json& v = j.at(key);
  if (!v.is_string()) throw Error(source + ": '" + key + "' must be a string, got " + shown(v));
  return v.get<std::string>();
}

int readSize(const Json& j, const std::string& key, const std::string& source) {
  const int64_t v = readInt(j, key, source);
  if (v <= 0 || v > (int64_t(1) << 30))
    throw Error(source + ": '" + key + "' must be a positive integer, got " + std::to_string(v));
  return static_cast<int>(v);
}

}  // namespace

bool BertConfig::geluTanh() const { return tanhActs().count(hiddenAct) != 0; }

void BertConfig::validate(const std::string& source) const {
  auto positive = [&](int64_t v, const char* key) {
    if (v <= 0) throw Error(source + ": '" + key + "' must be positive, got " + std::to_string(v));
  };
  positive(vocabSize, "vocab_size");
  positive(hiddenSize, "hidden_size");
  positive(numHiddenLayers, "num_hidden_layers");
  positive(numAttentionHeads, "num_attention_heads");
  positive(intermediateSize, "intermediate_size");
  positive(maxPositionEmbeddings, "max_position_embeddings");
  positive(typeVocabSize, "type_vocab_size");
  if (vocabSize > (int64_t(1) << 31) - 1)
    throw Error(source + ": 'vocab_size' " + std::to_string(vocabSize) + " does not fit 32-bit token ids");
  if (hiddenSize % numAttentionHeads != 0)
    throw Error(source + ": 'hidden_size' " + std::to_string(hiddenSize) + " is not a multiple of 'num_attention_heads' " +
                std::to_string(numAttentionHeads));
  if (!(layerNormEps > 0)) throw Error(source + ": 'layer_norm_eps' must be positive");
  if (!erfActs().count(hiddenAct) && !tanhActs().count(hiddenAct))
    throw Error(source + ": 'hidden_act' \"" + hiddenAct +
                "\" is not supported (gelu, gelu_python, gelu_new, gelu_pytorch_tanh, gelu_fast)");
  auto probability = [&](double p, const char* key) {
    if (!(p >= 0.0 && p < 1.0))
      throw Error(source + ": '" + key + "' must be in [0, 1), got " + std::to_string(p));
  };
  probability(hiddenDropoutProb, "hidden_dropout_prob");
  probability(attentionProbsDropoutProb, "attention_probs_dropout_prob");
  if (!(initializerRange >= 0)) throw Error(source + ": 'initializer_range' must not be negative");
  if (modelType != "bert")
    throw Error(source + ": model_type is \"" + modelType + "\", not \"bert\" (only BERT checkpoints are supported)");
  if (padTokenId < -1 || padTokenId >= vocabSize)
    throw Error(source + ": 'pad_token_id' " + std::to_string(padTokenId) + " is outside the vocabulary of " +
                std::to_string(vocabSize));
}

BertConfig BertConfig::fromJson(const std::string& text, const std::string& source) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded()) throw Error(source + ": not valid JSON");
  if (!j.is_object()) throw Error(source + ": not a JSON object");
  BertConfig c;
  // model_type first: a GPT-2 or RoBERTa config should say so, not fail on some other key.
  if (j.contains("model_type")) c.modelType = readString(j, "model_type", source);
  if (c.modelType != "bert")
    throw Error(source + ": model_type is \"" + c.modelType + "\", not \"bert\" (only BERT checkpoints are supported)");
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    if (k == "model_type") continue;
    if (k == "vocab_size") c.vocabSize = readSize(j, k, source);
    else if (k == "hidden_size") c.hiddenSize = readSize(j, k, source);
    else if (k == "num_hidden_layers") c.numHiddenLayers = readSize(j, k, source);
    else if (k == "num_attention_heads") c.numAttentionHeads = readSize(j, k, source);
    else if (k == "intermediate_size") c.intermediateSize = readSize(j, k, source);
    else if (k == "max_position_embeddings") c.maxPositionEmbeddings = readSize(j, k, source);
    else if (k == "type_vocab_size") c.typeVocabSize = readSize(j, k, source);
    else if (k == "layer_norm_eps") c.layerNormEps = readNumber(j, k, source);
    else if (k == "hidden_act") c.hiddenAct = readString(j, k, source);
    else if (k == "hidden_dropout_prob") c.hiddenDropoutProb = readNumber(j, k, source);
    else if (k == "attention_probs_dropout_prob") c.attentionProbsDropoutProb = readNumber(j, k, source);
    else if (k == "initializer_range") c.initializerRange = readNumber(j, k, source);
    else if (k == "pad_token_id") c.padTokenId = it->is_null() ? -1 : readInt(j, k, source);
    else if (k == "architectures") {
      if (it->is_null()) continue;
      if (!it->is_array()) throw Error(source + ": 'architectures' must be a list of strings, got " + shown(*it));
      for (const auto& a : *it) {
        if (!a.is_string()) throw Error(source + ": 'architectures' must be a list of strings, got " + shown(*it));
        c.architectures.push_back(a.get<std::string>());
      }
    } else {
      c.extra[k] = it->dump();
    }
  }
  c.validate(source);
  return c;
}

BertConfig BertConfig::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open the model configuration (config.json)");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw Error(path + ": read error");
  return fromJson(ss.str(), path);
}

std::string BertConfig::toJson() const {
  Json j = Json::object();  // std::map underneath: keys come out sorted, as transformers writes them
  for (const auto& [k, v] : extra) j[k] = Json::parse(v, nullptr, false);
  if (!architectures.empty()) j["architectures"] = architectures;
  j["attention_probs_dropout_prob"] = attentionProbsDropoutProb;
  j["hidden_act"] = hiddenAct;
  j["hidden_dropout_prob"] = hiddenDropoutProb;
  j["hidden_size"] = hiddenSize;
  j["initializer_range"] = initializerRange;
  j["intermediate_size"] = intermediateSize;
  j["layer_norm_eps"] = layerNormEps;
  j["max_position_embeddings"] = maxPositionEmbeddings;
  j["model_type"] = modelType;
  j["num_attention_heads"] = numAttentionHeads;
  j["num_hidden_layers"] = numHiddenLayers;
  if (padTokenId >= 0)
    j["pad_token_id"] = padTokenId;
  else
    j["pad_token_id"] = nullptr;
  j["type_vocab_size"] = typeVocabSize;
  j["vocab_size"] = vocabSize;
  return j.dump(2) + "\n";
}

void BertConfig::save(const std::string& path) const { writeFileAtomically(path, toJson()); }

}  // namespace embedlab
