// A whole Hugging Face BERT model directory through BertCheckpoint::load: config.json,
// vocab.txt (with tokenizer_config.json beside it) and model.safetensors, then one small forward
// pass of the loaded model, which must run (Error only for inputs the model rejects).
//
// Input (tests/fuzz/ModelDirInput.h): flags byte, then the parts
//   config.json | vocab.txt | tokenizer_config.json | safetensors header | safetensors data
// separated by "\n--8<--\n"; a part that is not in the input is a file that is not in the
// directory. Flags: bit 0 raw safetensors (header part = the whole file), bit 1 no vocab.txt even
// when its part is there, bit 2 load with requireVocab = false, bit 3 ask for every part
// (BertLoadOptions::parts: the missing ones are initialised).
//
// The loader must check config.json's sizes against the file's tensors before it allocates the
// model: a few bytes of config must not make it ask for gigabytes (libFuzzer's -rss_limit_mb and
// malloc limit report that as a crash).
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/models/bert/BertCheckpoint.h"
#include "tests/fuzz/FuzzSupport.h"
#include "tests/fuzz/ModelDirInput.h"

using namespace embedlab;

namespace {

enum Part { kConfig, kVocab, kTokenizerConfig, kHeader, kData };

void runModel(BertCheckpoint& ck) {
  BertModel& m = ck.model();
  const BertConfig& c = m.config();
  // Raw ids: T = up to 4 positions, ids spread over the vocabulary, token types 0.
  const int T = std::min(4, c.maxPositionEmbeddings);
  std::vector<int32_t> ids(static_cast<size_t>(T));
  for (int t = 0; t < T; ++t) ids[static_cast<size_t>(t)] = static_cast<int32_t>((t * 7919) % c.vocabSize);
  BertBatch b{1, T, ids.data(), nullptr, nullptr};
  EMBEDLAB_FUZZ_CHECK(fuzz::onlyErrors("BertModel::forward (ids)", [&] { m.forward(b); }));
  EMBEDLAB_FUZZ_CHECK(m.batchSize() == 1 && m.seqLen() == T);
  EMBEDLAB_FUZZ_CHECK(m.hiddenState(m.layers()) != nullptr);
  if (m.parts().mlmHead) EMBEDLAB_FUZZ_CHECK(m.mlmLogits() != nullptr && m.mlmRows() == T);
  if (m.parts().nspHead) EMBEDLAB_FUZZ_CHECK(m.nspLogits() != nullptr);

  // Text through the checkpoint's own tokenizer, as the program embeds a sentence.
  if (!ck.hasVocab() || c.maxPositionEmbeddings < 3) return;
  WordPieceTokenizer::EncodeOptions eo;
  eo.maxLength = std::min(8, c.maxPositionEmbeddings);
  WordPieceEncoding enc;
  // Error is fine here: a vocabulary without [CLS] / [SEP] / [UNK] cannot encode.
  if (!fuzz::onlyErrors("WordPieceTokenizer::encode", [&] { enc = ck.tokenizer().encode("The king, unaffable.", eo); }))
    return;
  EMBEDLAB_FUZZ_CHECK(!enc.ids.empty() && static_cast<int64_t>(enc.ids.size()) <= eo.maxLength);
  for (int32_t id : enc.ids) EMBEDLAB_FUZZ_CHECK(id >= 0 && id < c.vocabSize);
  EMBEDLAB_FUZZ_CHECK(fuzz::onlyErrors("BertModel::forward (text)", [&] { m.forward(enc); }));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fuzz::ModelDirInput in = fuzz::splitModelDirInput(fuzz::asView(data, size));
  const std::string dir = fuzz::freshModelDir("bert");
  if (in.has(kConfig)) fuzz::writeFile("bert/config.json", in.parts[kConfig]);
  if (in.has(kVocab) && !(in.flags & 2)) fuzz::writeFile("bert/vocab.txt", in.parts[kVocab]);
  if (in.has(kTokenizerConfig)) fuzz::writeFile("bert/tokenizer_config.json", in.parts[kTokenizerConfig]);
  if (in.has(kHeader))
    fuzz::writeFile("bert/model.safetensors",
                    fuzz::safetensorsBytes(in.parts[kHeader], in.has(kData) ? in.parts[kData] : std::string_view(),
                                           in.flags & fuzz::kRawSafetensors));

  BertLoadOptions options;
  options.requireVocab = !(in.flags & 4);
  if (in.flags & 8) options.parts = BertParts{};
  BertCheckpoint ck;
  if (!fuzz::onlyErrors("BertCheckpoint::load", [&] { ck = BertCheckpoint::load(dir, options); })) return 0;
  EMBEDLAB_FUZZ_CHECK(ck.config().vocabSize >= ck.tokenizer().vocab().size());
  runModel(ck);
  return 0;
}
