#include "core/compare/FeatureProviders.h"

#include <algorithm>

#include "core/compare/BertFeatures.h"
#include "core/compare/ElmoFeatures.h"
#include "core/util/Error.h"

namespace embedlab {

// An explicit list, not self-registration: this is a static library, and a registering object in
// a file that nothing else references would be dropped by the linker.
const std::vector<FeatureKind>& featureKinds() {
  static const std::vector<FeatureKind> kinds = {
      {"bert", "DIR (a frozen BERT: --feature-option layer=N,pool=mean|cls)", bertFeatures, bertStaticVectors},
      {"elmo", "DIR (ELMo's learned layer mix, mean-pooled)", elmoFeatures, elmoStaticVectors},
  };
  return kinds;
}

const FeatureKind* findFeatureKind(const std::string& kind) {
  const auto& kinds = featureKinds();
  auto it = std::find_if(kinds.begin(), kinds.end(), [&](const FeatureKind& k) { return k.name == kind; });
  return it == kinds.end() ? nullptr : &*it;
}

bool hasFeatureKind(const std::string& kind) {
  return kind == "tfidf" || kind == "word2vec" || findFeatureKind(kind) != nullptr;
}

StaticVectorsProvider staticVectorsProvider(const std::string& kind) {
  const FeatureKind* k = findFeatureKind(kind);
  return k ? k->staticVectors : StaticVectorsProvider{};
}

std::string featureKindsHelp() {
  std::string s = "tfidf, word2vec:FILE (mean of the word vectors of a text's tokens)";
  for (const FeatureKind& k : featureKinds()) s += ", " + k.name + ":" + k.help;
  return s;
}

std::pair<std::string, std::string> splitFeatureSpec(const std::string& spec) {
  const size_t colon = spec.find(':');
  if (colon == std::string::npos) return {spec, ""};
  return {spec.substr(0, colon), spec.substr(colon + 1)};
}

void checkFeatureSpec(const std::string& spec) {
  const auto [kind, path] = splitFeatureSpec(spec);
  if (kind == "tfidf" && spec == "tfidf") return;
  if (kind == "word2vec" || findFeatureKind(kind)) {
    if (path.empty()) throw UsageError("--features: " + kind + ": needs a path after the colon");
    return;
  }
  throw UsageError("--features: expected " + featureKindsHelp() + "; got '" + spec + "'");
}

}  // namespace embedlab
