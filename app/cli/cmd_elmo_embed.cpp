// embedlab-cli elmo embed: the three ELMo layers of every token of a text, from a trained model
// directory, saved as one safetensors tensor "layers" (3, T, 2·projection) with the tokens in the
// metadata.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli/Command.h"
#include "app/cli/Files.h"
#include "core/io/Safetensors.h"
#include "core/models/elmo/ElmoCheckpoint.h"
#include "core/models/elmo/ElmoEmbedder.h"
#include "core/util/Error.h"

namespace embedlab::cli {
namespace {

void defineFlags(ArgParser& args) {
  args.required("model", "DIR", "ELMo model directory (written by 'train elmo')")
      .required("text", "T", "the sentence to embed (split with the model's tokenizer)")
      .required("out", "FILE.safetensors", "where to write the layers")
      .option("threads", "N", "0", "threads (0: all cores)");
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext&) {
  const std::string modelDir = args.getPath("model");
  const std::string text = args.get("text");
  const std::string outPath = args.getPath("out");
  if (extensionOf(outPath) != "safetensors")
    throw UsageError("--out: " + outPath + ": expected a .safetensors file");
  const int threads = static_cast<int>(args.getInt("threads", 0, 1024));
  requireWritableOutput(outPath);

  const elmo::ElmoBundle bundle = elmo::ElmoCheckpoint::load(modelDir);
  const auto sentences = elmo::ElmoEmbedder::tokenize({text}, bundle.tokenizer);
  const std::vector<std::string>& tokens = sentences[0];
  if (tokens.empty()) throw UsageError("--text: no tokens in '" + text + "'");
  elmo::ElmoEmbedderOptions eo;
  eo.threads = threads;
  const elmo::ElmoEmbedder embedder(*bundle.model, eo);
  const std::vector<float> layers = embedder.embed(sentences)[0];  // (K,T,D)
  const int64_t K = embedder.layers(), T = static_cast<int64_t>(tokens.size()), D = embedder.dim();

  SafetensorsWriter w;
  w.add("layers", {K, T, D}, layers.data());
  w.setMetadata("tokens", nlohmann::json(tokens).dump());
  w.setMetadata("layers",
                "0: char-CNN token encoding (duplicated into both halves); 1..: [forward | backward] LSTM "
                "layer outputs");
  w.setMetadata("model", modelDir);
  w.write(outPath);
  return {{"tokens", tokens}, {"shape", {K, T, D}}, {"out", outPath}};
}

const CommandRegistration registration{{
    "elmo embed",
    "the three ELMo layers of every token of a sentence, as a safetensors file",
    "Example:\n"
    "  embedlab-cli elmo embed --model elmo-run --text \"the cat sat on the mat\" --out layers.safetensors\n"
    "Output:\n"
    "  {\"tokens\":[\"the\",...],\"shape\":[3,T,D],\"out\":\"layers.safetensors\"}\n"
    "  The file holds the float32 tensor \"layers\" (3, T, 2*projection): layer 0 the char-CNN token\n"
    "  encoding in both halves, layers 1 and 2 the forward and backward LSTM outputs side by side;\n"
    "  its metadata \"tokens\" is the JSON list of the tokens.",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
