// embedlab-cli bert tokenize: a text (or a pair of texts) as BERT sees it, exactly as Hugging
// Face's BertTokenizer encodes it: ids, tokens, token type ids, attention mask and offsets.
#include <filesystem>

#include <nlohmann/json.hpp>

#include "app/cli/Command.h"
#include "core/text/WordPieceTokenizer.h"
#include "core/util/Error.h"

namespace embedlab::cli {
namespace {

void defineFlags(ArgParser& args) {
  args.required("vocab", "FILE", "vocab.txt (or a model directory that holds one); a tokenizer_config.json "
                                 "beside it sets lowercasing and accent stripping")
      .required("text", "T", "the text")
      .option("text-pair", "T2", "", "a second text (as for next-sentence prediction): [CLS] T [SEP] T2 [SEP]")
      .option("max-len", "N", "0", "truncate to N positions, special tokens included (0: no limit)")
      .flag("pad", "pad with [PAD] up to --max-len (attention mask 0)");
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext&) {
  std::string vocab = args.getPath("vocab");
  const std::string text = args.get("text");
  const bool isPair = args.given("text-pair");
  const std::string pair = args.get("text-pair");
  WordPieceTokenizer::EncodeOptions options;
  options.maxLength = args.getInt("max-len", 0, 1 << 24);
  const int64_t specials = isPair ? 3 : 2;
  if (options.maxLength > 0 && options.maxLength < specials)
    throw UsageError("--max-len: must be 0 or at least " + std::to_string(specials) + " (room for [CLS] and [SEP]" +
                     (isPair ? " twice" : "") + "), got " + std::to_string(options.maxLength));
  if (args.isSet("pad")) {
    if (options.maxLength == 0) throw UsageError("--pad: needs --max-len");
    options.padTo = options.maxLength;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(vocab, ec)) vocab = (std::filesystem::path(vocab) / "vocab.txt").string();

  const WordPieceTokenizer tokenizer = WordPieceTokenizer::fromFile(vocab);
  const WordPieceEncoding e = isPair ? tokenizer.encode(text, pair, options) : tokenizer.encode(text, options);
  nlohmann::ordered_json offsets = nlohmann::ordered_json::array();
  for (const auto& [start, end] : e.offsets) offsets.push_back({start, end});
  return {{"ids", e.ids},
          {"tokens", e.tokens},
          {"type_ids", e.typeIds},
          {"attention_mask", e.attentionMask},
          {"offsets", std::move(offsets)},
          {"truncated", e.truncated}};
}

const CommandRegistration registration{{
    "bert tokenize",
    "split a text (or a pair) into BERT WordPiece ids, as Hugging Face's BertTokenizer does",
    "Example:\n"
    "  embedlab-cli bert tokenize --vocab bert-tiny/vocab.txt --text 'Hello, world!'\n"
    "Output:\n"
    "  {\"ids\":[7,303,21,221,10,8],\"tokens\":[\"[CLS]\",\"hello\",\",\",\"world\",\"!\",\"[SEP]\"],\n"
    "   \"type_ids\":[0,0,0,0,0,0],\"attention_mask\":[1,1,1,1,1,1],\n"
    "   \"offsets\":[[0,0],[0,5],[5,6],[7,12],[12,13],[0,0]],\"truncated\":0}\n"
    "Offsets are [start, end) in characters (code points) of the text they come from; the second\n"
    "text's count from its own start. [CLS], [SEP] and padding have [0, 0]. A pair is truncated\n"
    "longest first.",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
