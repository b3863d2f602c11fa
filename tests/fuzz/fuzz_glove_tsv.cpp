// GloVe text and the projector TSV pair. The input is "vectors<NUL>metadata": the vectors part is
// read as GloVe (format forced) and as a projector vectors.tsv with the metadata part beside it
// as metadata.tsv (no NUL: no metadata file, labels are row numbers).
#include <cstdint>
#include <string>

#include "core/io/WordVectors.h"
#include "tests/fuzz/FuzzSupport.h"
#include "tests/fuzz/VectorsCheck.h"

using namespace embedlab;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  bool hasMeta = false;
  auto [vectors, meta] = fuzz::splitAt(fuzz::asView(data, size), std::string_view("\0", 1), &hasMeta);

  const std::string glove = fuzz::writeFile("glove.txt", vectors);
  WordVectorsLoadOptions options;
  options.threads = 1;
  options.format = VectorFormat::GloveText;
  EmbeddingSet set;
  if (fuzz::onlyErrors("loadWordVectors(GloVe)", [&] { set = loadWordVectors(glove, options); })) {
    fuzz::checkVectors(set);
    fuzz::checkRoundTrip(set, VectorFormat::GloveText, "copy.txt");
  }

  const std::string tsv = fuzz::writeFile("vectors.tsv", vectors);
  if (hasMeta)
    fuzz::writeFile("metadata.tsv", meta);
  else
    fuzz::removeFile("metadata.tsv");
  options.format = VectorFormat::Auto;  // .tsv
  if (fuzz::onlyErrors("loadWordVectors(.tsv)", [&] { set = loadWordVectors(tsv, options); })) {
    // Projector labels may repeat and be empty (metadata is free text): only the shape is checked.
    EMBEDLAB_FUZZ_CHECK(set.dim() > 0);
    fuzz::checkRoundTrip(set, VectorFormat::ProjectorTsv, "copy.tsv");
  }
  return 0;
}
