#include "core/models/elmo/ElmoCheckpoint.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/io/Safetensors.h"
#include "core/util/Error.h"

namespace embedlab::elmo {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

constexpr int kConfigVersion = 1;

// Typed field access that names the field and the source on any mismatch.
class Fields {
 public:
  Fields(const json& j, std::string label) : j_(j), label_(std::move(label)) {}

  const json& at(const char* key) const {
    auto it = j_.find(key);
    if (it == j_.end()) throw Error(label_ + ": ELMo configuration lacks \"" + key + "\"");
    return *it;
  }
  int integer(const char* key) const {
    const json& v = at(key);
    if (!v.is_number_integer() || v.get<int64_t>() < INT32_MIN || v.get<int64_t>() > INT32_MAX)
      throw Error(label_ + ": ELMo configuration field \"" + key + "\" is not a whole number");
    return v.get<int>();
  }
  float real(const char* key) const {
    const json& v = at(key);
    if (!v.is_number()) throw Error(label_ + ": ELMo configuration field \"" + key + "\" is not a number");
    return v.get<float>();
  }
  bool boolean(const json& obj, const char* key) const {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_boolean())
      throw Error(label_ + ": ELMo configuration field \"tokenizer." + key + "\" is not true/false");
    return it->get<bool>();
  }

 private:
  const json& j_;
  std::string label_;
};

}  // namespace

std::string ElmoCheckpoint::configToJson(const ElmoConfig& c) {
  const ElmoOptions& o = c.model;
  json filters = json::array();
  for (const auto& f : o.filters) filters.push_back({f.width, f.count});
  json j = {{"format", "embedlab-elmo"},
            {"version", kConfigVersion},
            {"vocab_size", c.vocabSize},
            {"char_embed", o.charEmbed},
            {"max_chars", o.maxChars},
            {"filters", filters},
            {"activation", o.activation == nn::Activation::Relu ? "relu" : "tanh"},
            {"highway", o.highway},
            {"projection", o.projection},
            {"lstm_hidden", o.lstmHidden},
            {"layers", o.layers},
            {"cell_clip", o.cellClip},
            {"proj_clip", o.projClip},
            {"sampled", o.sampled},
            {"tokenizer",
             {{"pre_tokenized", c.tokenizer.preTokenized},
              {"lowercase", c.tokenizer.lowercase},
              {"keep_punctuation", c.tokenizer.keepPunctuation}}}};
  return j.dump();
}

ElmoConfig ElmoCheckpoint::configFromJson(const std::string& text, const std::string& label) {
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) throw Error(label + ": the ELMo configuration is not a JSON object");
  Fields f(j, label);
  if (!f.at("format").is_string() || f.at("format").get<std::string>() != "embedlab-elmo")
    throw Error(label + ": not an embedlab ELMo model (format is not \"embedlab-elmo\")");
  if (f.integer("version") != kConfigVersion)
    throw Error(label + ": ELMo configuration version " + std::to_string(f.integer("version")) +
                " is not supported (this program reads version " + std::to_string(kConfigVersion) + ")");
  ElmoConfig c;
  ElmoOptions& o = c.model;
  c.vocabSize = f.integer("vocab_size");
  o.charEmbed = f.integer("char_embed");
  o.maxChars = f.integer("max_chars");
  const json& filters = f.at("filters");
  if (!filters.is_array()) throw Error(label + ": ELMo configuration field \"filters\" is not a list");
  o.filters.clear();
  for (const json& p : filters) {
    if (!p.is_array() || p.size() != 2 || !p[0].is_number_integer() || !p[1].is_number_integer() ||
        p[0].get<int64_t>() < 1 || p[0].get<int64_t>() > 1000 || p[1].get<int64_t>() < 1 ||
        p[1].get<int64_t>() > (1 << 16))
      throw Error(label + ": ELMo configuration field \"filters\" must hold [width, count] pairs");
    o.filters.push_back({p[0].get<int>(), p[1].get<int>()});
  }
  const json& act = f.at("activation");
  if (act == "relu")
    o.activation = nn::Activation::Relu;
  else if (act == "tanh")
    o.activation = nn::Activation::Tanh;
  else
    throw Error(label + ": ELMo configuration field \"activation\" must be \"relu\" or \"tanh\"");
  o.highway = f.integer("highway");
  o.projection = f.integer("projection");
  o.lstmHidden = f.integer("lstm_hidden");
  o.layers = f.integer("layers");
  o.cellClip = f.real("cell_clip");
  o.projClip = f.real("proj_clip");
  o.sampled = f.integer("sampled");
  const json& tok = f.at("tokenizer");
  if (!tok.is_object()) throw Error(label + ": ELMo configuration field \"tokenizer\" is not an object");
  c.tokenizer.preTokenized = f.boolean(tok, "pre_tokenized");
  c.tokenizer.lowercase = f.boolean(tok, "lowercase");
  c.tokenizer.keepPunctuation = f.boolean(tok, "keep_punctuation");
  try {
    ElmoModel::validate(o, c.vocabSize);
  } catch (const Error& e) {
    throw Error(label + ": bad ELMo configuration: " + e.what());
  }
  return c;
}

void ElmoCheckpoint::save(const std::string& dir, const ElmoModel& model,
                          const ElmoVocabulary& vocabulary, const Tokenizer::Options& tokenizer) {
  if (vocabulary.size() != model.vocabSize())
    throw Error(dir + ": the vocabulary has " + std::to_string(vocabulary.size()) +
                " words but the model's softmax " + std::to_string(model.vocabSize()));
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(dir + ": cannot create the model directory (" + ec.message() + ")");
  vocabulary.save(dir + "/" + kVocabFile);
  SafetensorsWriter w;
  const nn::ParameterStore& p = model.params();
  for (const auto& v : p.views()) w.add(v.name, v.shape, p.params() + v.offset);
  ElmoConfig c{model.options(), model.vocabSize(), tokenizer};
  w.setMetadata(kConfigKey, configToJson(c));
  // The flat keys of earlier versions, for readers that only want the sizes.
  w.setMetadata("format", "embedlab-elmo");
  w.setMetadata("projection", std::to_string(c.model.projection));
  w.setMetadata("lstm_hidden", std::to_string(c.model.lstmHidden));
  w.setMetadata("highway", std::to_string(c.model.highway));
  w.write(dir + "/" + kModelFile);
}

ElmoBundle ElmoCheckpoint::load(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error(dir + ": not a directory (an ELMo model is a directory with " + kModelFile +
                " and " + kVocabFile + ")");
  const std::string modelPath = dir + "/" + kModelFile;
  const std::string vocabPath = dir + "/" + kVocabFile;
  if (!fs::is_regular_file(modelPath, ec))
    throw Error(modelPath + ": no such file (not an ELMo model directory, or training did not finish)");
  if (!fs::is_regular_file(vocabPath, ec)) throw Error(vocabPath + ": no such file");

  const SafetensorsFile file = SafetensorsFile::read(modelPath);
  auto it = file.metadata().find(kConfigKey);
  if (it == file.metadata().end())
    throw Error(modelPath + ": no \"" + std::string(kConfigKey) +
                "\" in the metadata (an ELMo model from an older version? retrain it)");
  const ElmoConfig config = configFromJson(it->second, modelPath);

  // Every shape is checked before the model allocates anything.
  const auto specs = ElmoModel::parameterSpecs(config.model, config.vocabSize);
  for (const auto& spec : specs) {
    const SafeTensor& t = file.get(spec.name, spec.shape);
    if (t.isInteger()) throw Error(modelPath + ": tensor '" + spec.name + "' is not floating point");
    for (float x : t.data)
      if (!std::isfinite(x)) throw Error(modelPath + ": tensor '" + spec.name + "' has non-finite values");
  }

  ElmoBundle b;
  b.dir = dir;
  b.vocabulary = ElmoVocabulary::load(vocabPath);
  if (b.vocabulary.size() != config.vocabSize)
    throw Error(vocabPath + ": " + std::to_string(b.vocabulary.size()) + " words, but " + modelPath +
                " was trained with " + std::to_string(config.vocabSize));
  b.tokenizer = config.tokenizer;
  b.model = std::make_unique<ElmoModel>(config.model, config.vocabSize, 0);
  nn::ParameterStore& p = b.model->params();
  for (const auto& v : p.views()) {
    const SafeTensor& t = file.get(v.name);
    std::copy(t.data.begin(), t.data.end(), p.params() + v.offset);
  }
  return b;
}

}  // namespace embedlab::elmo
