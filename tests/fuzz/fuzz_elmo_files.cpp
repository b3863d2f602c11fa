// The small files of an ELMo model directory: the "elmo_config" JSON kept in model.safetensors'
// metadata (ElmoCheckpoint::configFromJson) and vocab.txt (ElmoVocabulary::load). The input is
// "config<NUL>vocabulary" (no NUL: the same bytes for both). A configuration that reads must
// write back (configToJson) to one that reads the same; a vocabulary that loads must index
// every word at its id.
#include <cstdint>
#include <string>

#include "core/models/elmo/ElmoCheckpoint.h"
#include "core/models/elmo/ElmoVocabulary.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace embedlab;
using namespace embedlab::elmo;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  bool split = false;
  const auto parts = fuzz::splitAt(fuzz::asView(data, size), std::string_view("\0", 1), &split);
  const std::string config(parts.first);
  const std::string_view vocab = parts.second;

  ElmoConfig c;
  if (fuzz::onlyErrors("ElmoCheckpoint::configFromJson",
                       [&] { c = ElmoCheckpoint::configFromJson(config, "elmo_config"); })) {
    const std::string written = ElmoCheckpoint::configToJson(c);
    ElmoConfig back;
    EMBEDLAB_FUZZ_CHECK(fuzz::onlyErrors("ElmoCheckpoint config round trip",
                                         [&] { back = ElmoCheckpoint::configFromJson(written, "back"); }));
    EMBEDLAB_FUZZ_CHECK(ElmoCheckpoint::configToJson(back) == written);
  }

  const std::string path = fuzz::writeFile("vocab.txt", split ? vocab : config);
  ElmoVocabulary v;
  if (fuzz::onlyErrors("ElmoVocabulary::load", [&] { v = ElmoVocabulary::load(path); })) {
    EMBEDLAB_FUZZ_CHECK(v.size() >= 3);
    for (int32_t i = 0; i < v.size(); ++i) EMBEDLAB_FUZZ_CHECK(v.id(v.word(i)) == i);
  }
  return 0;
}
