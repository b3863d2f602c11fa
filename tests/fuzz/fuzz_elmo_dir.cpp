// A whole ELMo model directory through ElmoCheckpoint::load: model.safetensors (every tensor,
// with the "elmo_config" JSON in its metadata) and vocab.txt, then the representations of a short
// sentence from the loaded model, which must run. fuzz_elmo_files fuzzes the configuration text
// and vocab.txt alone; this target adds the safetensors file, the shape checks against the
// configuration, the vocabulary-size check and building the model from the tensors.
//
// Input (tests/fuzz/ModelDirInput.h): flags byte, then the parts
//   elmo_config | vocab.txt | safetensors header | safetensors data
// separated by "\n--8<--\n"; a missing part is a missing file (no elmo_config part: the header is
// written as given). Unless flags bit 0 (raw safetensors) is set and when the header part is a
// JSON object, the elmo_config part is put into its "__metadata__" as a string, so that the
// configuration is mutated as plain JSON instead of as an escaped string inside the header.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/models/elmo/ElmoCheckpoint.h"
#include "tests/fuzz/FuzzSupport.h"
#include "tests/fuzz/ModelDirInput.h"

using namespace embedlab;
using namespace embedlab::elmo;

namespace {

enum Part { kConfig, kVocab, kHeader, kData };

// The header part with the configuration part put into its metadata (see above).
std::string headerWithConfig(const fuzz::ModelDirInput& in) {
  std::string header(in.parts[kHeader]);
  if ((in.flags & fuzz::kRawSafetensors) || !in.has(kConfig)) return header;
  nlohmann::json h = nlohmann::json::parse(header, nullptr, /*allow_exceptions=*/false);
  if (!h.is_object()) return header;
  nlohmann::json& meta = h["__metadata__"];
  if (!meta.is_object()) meta = nlohmann::json::object();
  // The header must stay valid UTF-8 for the reader to get as far as the configuration; a part
  // that is not is written as the reader would see it (replacement characters).
  meta[ElmoCheckpoint::kConfigKey] = std::string(in.parts[kConfig]);
  return h.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fuzz::ModelDirInput in = fuzz::splitModelDirInput(fuzz::asView(data, size));
  const std::string dir = fuzz::freshModelDir("elmo");
  if (in.has(kVocab)) fuzz::writeFile("elmo/vocab.txt", in.parts[kVocab]);
  if (in.has(kHeader))
    fuzz::writeFile("elmo/model.safetensors",
                    fuzz::safetensorsBytes(headerWithConfig(in), in.has(kData) ? in.parts[kData] : std::string_view(),
                                           in.flags & fuzz::kRawSafetensors));

  ElmoBundle b;
  if (!fuzz::onlyErrors("ElmoCheckpoint::load", [&] { b = ElmoCheckpoint::load(dir); })) return 0;
  EMBEDLAB_FUZZ_CHECK(b.model != nullptr);
  EMBEDLAB_FUZZ_CHECK(b.vocabulary.size() == b.model->vocabSize());

  // Two words, one of them longer than any max_chars of a small model (cut, not overrun).
  const std::vector<std::string> tokens{"the", "unaffableness-of-kings"};
  std::vector<float> r;
  EMBEDLAB_FUZZ_CHECK(fuzz::onlyErrors("ElmoModel::representations", [&] { r = b.model->representations(tokens); }));
  const ElmoOptions& o = b.model->options();
  EMBEDLAB_FUZZ_CHECK(r.size() == static_cast<size_t>(o.layers + 1) * tokens.size() * 2 * static_cast<size_t>(o.projection));
  return 0;
}
