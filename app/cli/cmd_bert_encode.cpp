// embedlab-cli bert encode: one text (or a pair) through a BERT checkpoint, every intermediate
// tensor written as safetensors under the names Hugging Face's output_hidden_states /
// output_attentions use, so that a script can compare them with transformers directly.
#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/cli/Command.h"
#include "app/cli/Files.h"
#include "core/io/Safetensors.h"
#include "core/models/bert/BertCheckpoint.h"
#include "core/util/Error.h"

namespace embedlab::cli {
namespace {

void defineFlags(ArgParser& args) {
  args.required("model", "DIR", "a Hugging Face BERT directory (config.json, model.safetensors, vocab.txt)")
      .required("text", "T", "the text")
      .option("text-pair", "T2", "", "a second text: [CLS] T [SEP] T2 [SEP], token type ids 0 then 1")
      .option("max-len", "N", "0",
              "truncate to N positions, special tokens included (0: the model's max_position_embeddings)")
      .required("out", "FILE.safetensors", "where to write the tensors");
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext&) {
  const std::string modelDir = args.getPath("model");
  const std::string text = args.get("text");
  const bool isPair = args.given("text-pair");
  const std::string pair = args.get("text-pair");
  const int64_t maxLen = args.getInt("max-len", 0, 1 << 24);
  const int64_t specials = isPair ? 3 : 2;
  if (maxLen > 0 && maxLen < specials)
    throw UsageError("--max-len: must be 0 or at least " + std::to_string(specials) + ", got " + std::to_string(maxLen));
  const std::string out = args.getPath("out");
  requireWritableOutput(out);

  BertCheckpoint ck = BertCheckpoint::load(modelDir);
  BertModel& m = ck.model();
  WordPieceTokenizer::EncodeOptions eo;
  const int64_t maxPos = m.config().maxPositionEmbeddings;
  eo.maxLength = maxLen > 0 ? std::min(maxLen, maxPos) : maxPos;
  if (eo.maxLength < specials)
    throw Error(modelDir + "/config.json: max_position_embeddings " + std::to_string(maxPos) +
                " leaves no room for the special tokens");
  const WordPieceEncoding e = isPair ? ck.tokenizer().encode(text, pair, eo) : ck.tokenizer().encode(text, eo);
  m.forward(e);

  const int64_t T = static_cast<int64_t>(e.size()), C = m.hidden(), NH = m.heads(), V = m.vocabSize();
  SafetensorsWriter w;
  std::vector<int64_t> ids(e.ids.begin(), e.ids.end()), types(e.typeIds.begin(), e.typeIds.end());
  w.addInts("input_ids", {1, T}, ids.data());
  w.addInts("token_type_ids", {1, T}, types.data());
  for (int l = 0; l <= m.layers(); ++l) w.add("hidden_states." + std::to_string(l), {1, T, C}, m.hiddenState(l));
  for (int l = 0; l < m.layers(); ++l) w.add("attentions." + std::to_string(l), {1, NH, T, T}, m.attention(l));
  if (m.pooled()) w.add("pooler_output", {1, C}, m.pooled());
  if (m.mlmLogits()) w.add("prediction_logits", {1, T, V}, m.mlmLogits());
  if (m.nspLogits()) w.add("seq_relationship_logits", {1, 2}, m.nspLogits());
  w.write(out);
  return {{"tokens", e.tokens}, {"seq_len", T}, {"layers", m.layers()}, {"truncated", e.truncated}, {"out", out}};
}

const CommandRegistration registration{{
    "bert encode",
    "run a text (or a pair) through a BERT checkpoint and write every hidden state and attention map",
    "Example:\n"
    "  embedlab-cli bert encode --model bert-tiny --text 'Hello, world!' --out hello.safetensors\n"
    "Output:\n"
    "  {\"tokens\":[\"[CLS]\",\"hello\",\",\",\"world\",\"!\",\"[SEP]\"],\"seq_len\":6,\"layers\":2,\n"
    "   \"truncated\":0,\"out\":\"hello.safetensors\"}\n"
    "The file holds input_ids and token_type_ids [1,T], hidden_states.0..L [1,T,H] (0 = the\n"
    "embedding output), attentions.0..L-1 [1,heads,T,T] (softmax probabilities), pooler_output\n"
    "[1,H] when the checkpoint has a pooler, prediction_logits [1,T,V] and seq_relationship_logits\n"
    "[1,2] when it has the MLM and next-sentence heads.",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
