// WordPieceVocab::load + WordPieceTokenizer on (vocab.txt, text). Input layout: the vocabulary,
// then a NUL byte, then the text to encode (a vocabulary cannot hold NUL, so the split is
// unambiguous); a tab in the text makes it a pair. Without NUL the whole input is the vocabulary
// and a fixed sentence is encoded. Beyond "Error or success": every encoding's columns have the
// same length, ids are in the vocabulary, and truncation/padding give the lengths asked for.
#include <cstdint>
#include <string>

#include "core/text/WordPieceTokenizer.h"
#include "core/text/WordPieceVocab.h"
#include "core/util/Error.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace embedlab;

namespace {

void checkEncoding(const WordPieceEncoding& e, const WordPieceVocab& vocab, const WordPieceTokenizer::EncodeOptions& o) {
  const size_t n = e.ids.size();
  EMBEDLAB_FUZZ_CHECK(e.tokens.size() == n && e.typeIds.size() == n && e.attentionMask.size() == n &&
                      e.offsets.size() == n && e.wordIds.size() == n);
  for (size_t i = 0; i < n; ++i) {
    EMBEDLAB_FUZZ_CHECK(e.ids[i] >= 0 && e.ids[i] < vocab.size());
    EMBEDLAB_FUZZ_CHECK(e.tokens[i] == vocab.token(e.ids[i]));
    EMBEDLAB_FUZZ_CHECK(e.offsets[i].first <= e.offsets[i].second);
  }
  if (o.maxLength > 0) EMBEDLAB_FUZZ_CHECK(static_cast<int64_t>(n) <= std::max(o.maxLength, o.padTo));
  if (o.padTo > 0) EMBEDLAB_FUZZ_CHECK(static_cast<int64_t>(n) >= o.padTo);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  bool hasText = false;
  auto [vocabBytes, textBytes] = fuzz::splitAt(fuzz::asView(data, size), std::string_view("\0", 1), &hasText);
  const std::string path = fuzz::writeFile("vocab.txt", vocabBytes);
  std::string text = hasText ? std::string(textBytes) : std::string("Hello, world! [MASK] unaffable 東京");

  WordPieceVocab vocab;
  if (!fuzz::onlyErrors("WordPieceVocab::load", [&] { vocab = WordPieceVocab::load(path); })) return 0;
  EMBEDLAB_FUZZ_CHECK(vocab.unkId() >= 0 && vocab.clsId() >= 0 && vocab.sepId() >= 0);
  for (int64_t i = 0; i < vocab.size(); ++i)
    if (!vocab.token(i).empty()) EMBEDLAB_FUZZ_CHECK(vocab.id(vocab.token(i)) == i);

  // Options from the text's length, so that each input always takes the same path.
  WordPieceTokenizer::Options options;
  options.lowercase = text.size() & 1;
  options.splitCjk = text.size() & 2;
  if (text.size() & 4) options.stripAccents = (text.size() & 8) != 0;
  const WordPieceTokenizer tokenizer(vocab, options);

  const size_t tab = text.find('\t');
  for (int64_t maxLength : {int64_t{0}, int64_t{5}, int64_t{64}}) {
    WordPieceTokenizer::EncodeOptions o;
    o.maxLength = maxLength;
    o.padTo = (maxLength == 5 && vocab.padId() >= 0) ? 8 : 0;
    fuzz::onlyErrors("WordPieceTokenizer::encode", [&] {
      if (tab == std::string::npos) {
        checkEncoding(tokenizer.encode(text, o), vocab, o);
      } else {
        checkEncoding(tokenizer.encode(std::string_view(text).substr(0, tab), std::string_view(text).substr(tab + 1), o),
                      vocab, o);
      }
    });
  }
  fuzz::onlyErrors("WordPieceTokenizer::tokenize", [&] {
    for (const std::string& t : tokenizer.tokenize(text)) EMBEDLAB_FUZZ_CHECK(vocab.id(t) >= 0);
  });
  return 0;
}
