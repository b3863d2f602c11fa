// The JSON configuration files the program reads, on the same input bytes:
// - config.json of a BERT model (BertConfig::load / fromJson), when core/models/bert has it: a
//   config that loads must write back (toJson) to text that loads to the same config;
// - tokenizer_config.json (WordPieceTokenizer::readConfig, which fromFile() calls for the file
//   beside vocab.txt).
// The header of a safetensors file, the other JSON the program parses, is fuzzed by
// fuzz_safetensors; run records (Qt's JSON) by fuzz_run_files.
#include <cstdint>
#include <string>

#include "core/text/WordPieceTokenizer.h"
#include "tests/fuzz/FuzzSupport.h"
#if EMBEDLAB_FUZZ_HAVE_BERT_CONFIG
#include "core/models/bert/BertConfig.h"
#endif

using namespace embedlab;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(fuzz::asView(data, size));
  const std::string tokenizerConfig = fuzz::writeFile("tokenizer_config.json", text);
  WordPieceTokenizer::Options base;
  base.lowercase = size & 1;
  fuzz::onlyErrors("WordPieceTokenizer::readConfig", [&] { WordPieceTokenizer::readConfig(tokenizerConfig, base); });

#if EMBEDLAB_FUZZ_HAVE_BERT_CONFIG
  const std::string configPath = fuzz::writeFile("config.json", text);
  BertConfig fromText, fromFile;
  const bool parsed = fuzz::onlyErrors("BertConfig::fromJson", [&] { fromText = BertConfig::fromJson(text); });
  const bool loaded = fuzz::onlyErrors("BertConfig::load", [&] { fromFile = BertConfig::load(configPath); });
  EMBEDLAB_FUZZ_CHECK(parsed == loaded);
  if (parsed) {
    EMBEDLAB_FUZZ_CHECK(fuzz::onlyErrors("BertConfig::validate", [&] { fromText.validate(); }));
    const std::string written = fromText.toJson();
    BertConfig back;
    EMBEDLAB_FUZZ_CHECK(fuzz::onlyErrors("BertConfig round trip", [&] { back = BertConfig::fromJson(written, "back"); }));
    EMBEDLAB_FUZZ_CHECK(back.toJson() == written);
  }
#endif
  return 0;
}
