#include "core/compare/ModelSource.h"

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/compare/FeatureProviders.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {

namespace fs = std::filesystem;

bool isVectorsFile(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".vec" || ext == ".txt" || ext == ".bin" || ext == ".gz";
}

std::string readModelType(const fs::path& config) {
  std::ifstream in(config);
  try {
    const auto json = nlohmann::json::parse(in);
    if (json.is_object() && json.contains("model_type") && json["model_type"].is_string())
      return json["model_type"].get<std::string>();
  } catch (const nlohmann::json::exception&) {
    throw Error(config.string() + ": not valid JSON");
  }
  return {};
}

}  // namespace

ModelSource ModelSource::resolve(const std::string& pathText) {
  const fs::path path(pathText);
  std::error_code ec;
  if (!fs::exists(path, ec)) throw UsageError(pathText + ": no such file or directory");
  const std::string base = path.filename().empty() ? path.parent_path().filename().string() : path.filename().string();
  auto make = [&](const std::string& kind, const std::string& target) {
    return ModelSource{base + " (" + kind + ")", kind, target};
  };
  if (fs::is_regular_file(path, ec)) {
    if (!isVectorsFile(path))
      throw UsageError(pathText + ": expected a vectors file (.vec, .txt, .bin) or a model directory");
    return make("word2vec", pathText);
  }
  if (fs::exists(path / "config.json", ec)) {
    const std::string type = readModelType(path / "config.json");
    if (type == "bert") {
      if (!hasFeatureKind("bert")) throw UsageError(pathText + ": BERT features are not built in");
      return make("bert", pathText);
    }
    if (type == "elmo" && hasFeatureKind("elmo")) return make("elmo", pathText);
    throw UsageError(pathText + "/config.json: model_type '" + type + "' is not one EmbedLab compares");
  }
  for (const char* name : {"vectors.vec", "vectors.bin", "vectors.txt"})
    if (fs::exists(path / name, ec)) return make("word2vec", (path / name).string());
  if (hasFeatureKind("elmo") && fs::exists(path / "model.safetensors", ec)) return make("elmo", pathText);
  throw UsageError(pathText + ": holds no vectors file (vectors.vec/.bin/.txt) and no model");
}

}  // namespace embedlab
