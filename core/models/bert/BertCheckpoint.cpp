#include "core/models/bert/BertCheckpoint.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab {

namespace fs = std::filesystem;

namespace {

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }
bool endsWith(const std::string& s, const char* suffix) {
  const size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

std::string shapeString(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

// The BertForPreTraining name of a file tensor; empty for buffers that are not parameters.
std::string canonicalName(const std::string& name) {
  if (endsWith(name, "position_ids")) return {};  // a registered buffer (0..P-1), not a weight
  std::string n = name;
  // BertModel.save_pretrained writes the encoder without the "bert." prefix.
  if (startsWith(n, "embeddings.") || startsWith(n, "encoder.") || startsWith(n, "pooler.")) n = "bert." + n;
  // Checkpoints converted from TensorFlow name LayerNorm's parameters gamma / beta.
  if (n.find("LayerNorm.") != std::string::npos) {
    if (endsWith(n, ".gamma")) n = n.substr(0, n.size() - 6) + ".weight";
    else if (endsWith(n, ".beta")) n = n.substr(0, n.size() - 5) + ".bias";
  }
  return n;
}

struct FileTensor {
  const SafeTensor* tensor = nullptr;
  std::string file;      // path of the safetensors file that holds it
  bool used = false;
};

std::string readText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw Error(p.string() + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The shard files of a sharded checkpoint (model.safetensors.index.json's weight_map values).
std::vector<std::string> shardFiles(const fs::path& index) {
  const auto j = nlohmann::json::parse(readText(index), nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("weight_map") || !j["weight_map"].is_object())
    throw Error(index.string() + ": not a safetensors index (no \"weight_map\" object)");
  std::set<std::string> files;
  for (const auto& [name, file] : j["weight_map"].items()) {
    if (!file.is_string()) throw Error(index.string() + ": weight_map entry '" + name + "' is not a file name");
    const std::string f = file.get<std::string>();
    if (f.empty() || f.find('/') != std::string::npos || f.find('\\') != std::string::npos || f == "..")
      throw Error(index.string() + ": weight_map entry '" + name + "' names a file outside the directory: " + f);
    files.insert(f);
  }
  if (files.empty()) throw Error(index.string() + ": the weight_map is empty");
  return {files.begin(), files.end()};
}

std::string inferredArchitecture(const BertParts& parts, bool classifier) {
  if (classifier) return "BertForSequenceClassification";
  if (parts.mlmHead && parts.nspHead) return "BertForPreTraining";
  if (parts.mlmHead) return "BertForMaskedLM";
  if (parts.nspHead) return "BertForNextSentencePrediction";
  return "BertModel";
}

}  // namespace

BertCheckpoint BertCheckpoint::load(const std::string& dir, const BertLoadOptions& options) {
  const fs::path d(dir);
  std::error_code ec;
  if (!fs::is_directory(d, ec))
    throw Error(dir + ": not a model directory (expected config.json, model.safetensors and vocab.txt in it)");
  BertCheckpoint ck;
  ck.dir_ = dir;
  ck.config_ = BertConfig::load((d / "config.json").string());
  const BertConfig& cfg = ck.config_;

  // ---- the tensors of every file, under their BertForPreTraining names ----
  std::vector<SafetensorsFile> files;
  const fs::path single = d / "model.safetensors", index = d / "model.safetensors.index.json";
  if (fs::exists(single, ec)) {
    files.push_back(SafetensorsFile::read(single.string()));
  } else if (fs::exists(index, ec)) {
    for (const auto& f : shardFiles(index)) files.push_back(SafetensorsFile::read((d / f).string()));
  } else if (fs::exists(d / "pytorch_model.bin", ec)) {
    throw Error(single.string() + ": not found (pytorch_model.bin is a pickle, which EmbedLab does not read: "
                                  "convert it with transformers' save_pretrained(safe_serialization=True))");
  } else {
    throw Error(single.string() + ": not found");
  }
  std::map<std::string, FileTensor> byName;
  std::map<SafeDType, int64_t> dtypeCount;
  for (const auto& f : files) {
    for (const auto& t : f.tensors()) {
      const std::string n = canonicalName(t.name);
      if (n.empty()) continue;
      if (byName.count(n))
        throw Error(f.path() + ": tensor '" + t.name + "' appears twice (with and without the \"bert.\" prefix, or in "
                               "two shards)");
      byName[n] = {&t, f.path(), false};
    }
  }
  auto has = [&](const std::string& n) { return byName.count(n) != 0; };
  auto hasPrefix = [&](const char* p) {
    auto it = byName.lower_bound(p);
    return it != byName.end() && startsWith(it->first, p);
  };

  // ---- which parts the file has ----
  BertParts found;
  found.pooler = hasPrefix("bert.pooler.");
  found.mlmHead = hasPrefix("cls.predictions.");
  found.nspHead = hasPrefix("cls.seq_relationship.");
  const std::string wordName = "bert.embeddings.word_embeddings.weight";
  const std::string decName = "cls.predictions.decoder.weight";
  if (has(decName) && has(wordName)) {
    const auto& a = byName[decName].tensor->data;
    const auto& b = byName[wordName].tensor->data;
    found.tiedDecoder = a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
  }
  if (found.mlmHead && !has(decName)) {
    auto tie = cfg.extra.find("tie_word_embeddings");
    if (tie != cfg.extra.end() && tie->second == "false")
      throw Error(files.front().path() + ": required tensor '" + decName +
                  "' is missing (config.json says tie_word_embeddings false)");
  }
  BertParts parts = found;
  if (options.parts) {
    parts = *options.parts;
    parts.tiedDecoder = has(decName) ? found.tiedDecoder : options.parts->tiedDecoder;
  }
  // Any NSP head needs the pooler; a file with a head but without a pooler is missing a tensor.
  if (parts.nspHead && !parts.pooler) parts.pooler = true;

  // ---- the model ----
  BertModel::Options mo;
  mo.parts = parts;
  mo.noDecayForNormsAndBiases = options.noDecayForNormsAndBiases;
  const std::string firstFile = files.front().path();
  // Names the model's own parts own (everything else in the file is an extra).
  auto isModelName = [&](const std::string& n) {
    return startsWith(n, "bert.embeddings.") || startsWith(n, "bert.encoder.") ||
           (parts.pooler && startsWith(n, "bert.pooler.")) || (parts.mlmHead && startsWith(n, "cls.predictions.")) ||
           (parts.nspHead && startsWith(n, "cls.seq_relationship."));
  };
  // Encoder layers beyond the config are a mismatch, not an extra.
  for (const auto& [n, ft] : byName) {
    if (!startsWith(n, "bert.encoder.layer.")) continue;
    const int layer = std::atoi(n.c_str() + std::strlen("bert.encoder.layer."));
    if (layer >= cfg.numHiddenLayers)
      throw Error(ft.file + ": tensor '" + ft.tensor->name + "' belongs to layer " + std::to_string(layer) +
                  ", but config.json says num_hidden_layers " + std::to_string(cfg.numHiddenLayers));
  }
  // Tensors consumed by the parts (tied decoder and the decoder's bias alias included).
  if (parts.mlmHead) {
    if (parts.tiedDecoder && has(decName)) byName[decName].used = true;
    if (has("cls.predictions.decoder.bias")) byName["cls.predictions.decoder.bias"].used = true;
  }
  std::vector<std::string> extraNames;
  for (const auto& [n, ft] : byName)
    if (!isModelName(n) && !ft.used) extraNames.push_back(n);
  if (options.extrasIntoModel)
    for (const auto& n : extraNames)
      mo.extraTensors.push_back({n, byName[n].tensor->shape, !(options.noDecayForNormsAndBiases && endsWith(n, ".bias"))});
  // A shape that does not match config.json: the message names the sizes the shape comes from.
  auto shapeMismatch = [&](const FileTensor& ft, const std::vector<int64_t>& expected) {
    return Error(ft.file + ": tensor '" + ft.tensor->name + "' has shape " + ft.tensor->shapeString() + ", expected " +
                 shapeString(expected) + " from config.json (hidden_size " + std::to_string(cfg.hiddenSize) +
                 ", vocab_size " + std::to_string(cfg.vocabSize) + ", intermediate_size " +
                 std::to_string(cfg.intermediateSize) + ", max_position_embeddings " +
                 std::to_string(cfg.maxPositionEmbeddings) + ", type_vocab_size " + std::to_string(cfg.typeVocabSize) +
                 ")");
  };
  // config.json's sizes are trusted only as far as the file backs them: before the model is
  // allocated, every tensor that spans one of its dimensions (V, P, type vocabulary, C, FF, and
  // each of the L layers) must be in the file with the shape config.json implies. Then the model
  // is at most a few times the size of the tensors already read; without this check a config.json
  // of a few bytes (vocab_size 2^30, num_hidden_layers 2^20) asks for terabytes before the
  // tensor-by-tensor check below could say what does not match.
  {
    const int64_t V = cfg.vocabSize, C = cfg.hiddenSize, FF = cfg.intermediateSize;
    auto require = [&](const std::string& name, const std::vector<int64_t>& shape) {
      if (!has(name))
        throw Error(firstFile + ": required tensor '" + name + "' is missing" + (files.size() > 1 ? " (in every shard)" : ""));
      const FileTensor& ft = byName[name];
      if (ft.tensor->shape != shape) throw shapeMismatch(ft, shape);
    };
    require(wordName, {V, C});
    require("bert.embeddings.position_embeddings.weight", {cfg.maxPositionEmbeddings, C});
    require("bert.embeddings.token_type_embeddings.weight", {cfg.typeVocabSize, C});
    // Stops at the first layer the file lacks, so a huge num_hidden_layers costs no more than the
    // layers that are there.
    for (int l = 0; l < cfg.numHiddenLayers; ++l) {
      const std::string p = "bert.encoder.layer." + std::to_string(l) + ".";
      require(p + "attention.self.query.weight", {C, C});
      require(p + "intermediate.dense.weight", {FF, C});
    }
  }
  ck.model_ = std::make_unique<BertModel>(cfg, mo);
  BertModel& m = *ck.model_;
  const bool missingPart = (parts.pooler && !found.pooler) || (parts.mlmHead && !found.mlmHead) ||
                           (parts.nspHead && !found.nspHead);
  if (missingPart) m.initialize(options.initSeed);
  auto isPartOf = [](const std::string& n, const char* prefix) { return startsWith(n, prefix); };

  for (const auto& v : m.params().views()) {
    std::string source = v.name;
    if (!has(source) && v.name == "cls.predictions.bias" && has("cls.predictions.decoder.bias"))
      source = "cls.predictions.decoder.bias";
    if (!has(source)) {
      const bool initialised = (isPartOf(v.name, "bert.pooler.") && !found.pooler) ||
                               (isPartOf(v.name, "cls.predictions.") && !found.mlmHead) ||
                               (isPartOf(v.name, "cls.seq_relationship.") && !found.nspHead);
      if (initialised) continue;
      throw Error(firstFile + ": required tensor '" + v.name + "' is missing" +
                  (files.size() > 1 ? " (in every shard)" : ""));
    }
    FileTensor& ft = byName[source];
    const SafeTensor& t = *ft.tensor;
    if (t.isInteger())
      throw Error(ft.file + ": tensor '" + t.name + "' has the integer dtype " + safeDTypeName(t.dtype) +
                  ", expected floating point");
    if (t.shape != v.shape) throw shapeMismatch(ft, v.shape);
    std::copy(t.data.begin(), t.data.end(), m.params().data(v.name));
    ft.used = true;
    ++dtypeCount[t.dtype];
  }
  // What no parameter took: extras (a classifier, parts not asked for, unknown tensors).
  for (auto& [n, ft] : byName) {
    if (ft.used) continue;
    BertTensor e{ft.tensor->shape, ft.tensor->data};
    ck.extras_.emplace(n, std::move(e));
  }
  ck.storedDType_ = SafeDType::F32;
  int64_t best = -1;
  for (const auto& [dt, count] : dtypeCount)
    if (count > best) best = count, ck.storedDType_ = dt;

  // ---- the tokenizer ----
  const fs::path vocab = d / "vocab.txt";
  if (fs::exists(vocab, ec)) {
    ck.tokenizer_ = WordPieceTokenizer::fromFile(vocab.string());
    if (ck.tokenizer_.vocab().size() > cfg.vocabSize)
      throw Error(vocab.string() + ": " + std::to_string(ck.tokenizer_.vocab().size()) +
                  " tokens, more than config.json's vocab_size " + std::to_string(cfg.vocabSize));
  } else if (options.requireVocab) {
    throw Error(vocab.string() + ": not found (the model's WordPiece vocabulary)");
  }

  bool classifier = false;
  for (const auto& [n, t] : ck.extras_) classifier = classifier || startsWith(n, "classifier.");
  ck.architecture_ = cfg.architectures.empty() ? inferredArchitecture(found, classifier) : cfg.architectures.front();
  return ck;
}

void BertCheckpoint::saveWeights(const std::string& path, const BertModel& model, const BertSaveOptions& options) {
  if (options.dtype != SafeDType::F32 && options.dtype != SafeDType::F16 && options.dtype != SafeDType::BF16)
    throw UsageError(std::string("BERT checkpoint: cannot store weights as ") + safeDTypeName(options.dtype) +
                     " (F32, F16 or BF16)");
  SafetensorsWriter w;
  // transformers refuses a safetensors file without this metadata key.
  w.setMetadata("format", "pt");
  const auto& ps = model.params();
  for (const auto& v : ps.views()) w.add(v.name, v.shape, ps.data(v.name), options.dtype);
  for (const auto& [name, t] : options.extras) {
    int64_t n = 1;
    for (int64_t s : t.shape) n *= s;
    if (n != static_cast<int64_t>(t.data.size()))
      throw UsageError("BERT checkpoint: extra tensor '" + name + "' has " + std::to_string(t.data.size()) +
                       " values for shape " + shapeString(t.shape));
    if (ps.contains(name)) throw UsageError("BERT checkpoint: extra tensor '" + name + "' is already a model tensor");
    w.add(name, t.shape, t.data.data(), options.dtype);
  }
  w.write(path);
}

void BertCheckpoint::save(const std::string& dir, const BertModel& model, const WordPieceTokenizer& tokenizer,
                          const BertSaveOptions& options) {
  if (tokenizer.vocab().size() == 0) throw UsageError(dir + ": cannot save a BERT checkpoint without its vocabulary");
  if (tokenizer.vocab().size() > model.vocabSize())
    throw UsageError(dir + ": the vocabulary has " + std::to_string(tokenizer.vocab().size()) +
                     " tokens, more than the model's vocab_size " + std::to_string(model.vocabSize()));
  const fs::path d(dir);
  std::error_code ec;
  fs::create_directories(d, ec);
  if (!fs::is_directory(d, ec)) throw Error(dir + ": cannot create the model directory");

  BertConfig cfg = model.config();
  bool classifier = options.extras.count("classifier.weight") != 0 || model.params().contains("classifier.weight");
  cfg.architectures = {options.architecture.empty() ? inferredArchitecture(model.parts(), classifier)
                                                    : options.architecture};
  // transformers ties the decoder to the word embeddings unless told otherwise.
  cfg.extra["tie_word_embeddings"] = (model.parts().mlmHead && !model.parts().tiedDecoder) ? "false" : "true";

  saveWeights((d / "model.safetensors").string(), model, options);
  tokenizer.vocab().save((d / "vocab.txt").string());
  const auto& to = tokenizer.options();
  nlohmann::json tc = nlohmann::json::object();
  tc["do_lower_case"] = to.lowercase;
  if (to.stripAccents)
    tc["strip_accents"] = *to.stripAccents;
  else
    tc["strip_accents"] = nullptr;
  tc["tokenize_chinese_chars"] = to.splitCjk;
  tc["tokenizer_class"] = "BertTokenizer";
  tc["model_max_length"] = cfg.maxPositionEmbeddings;
  tc["cls_token"] = "[CLS]";
  tc["sep_token"] = "[SEP]";
  tc["unk_token"] = "[UNK]";
  tc["pad_token"] = "[PAD]";
  tc["mask_token"] = "[MASK]";
  writeFileAtomically((d / "tokenizer_config.json").string(), tc.dump(2) + "\n");
  cfg.save((d / "config.json").string());
}

}  // namespace embedlab
