// loadWordVectors on the input as a word2vec binary file (.bin). The first byte chooses maxRows
// (0 or a few), the rest is the file.
#include <cstdint>
#include <string>

#include "core/io/WordVectors.h"
#include "tests/fuzz/FuzzSupport.h"
#include "tests/fuzz/VectorsCheck.h"

using namespace embedlab;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string path = fuzz::writeFile("vectors.bin", fuzz::asView(data + 1, size - 1));
  WordVectorsLoadOptions options;
  options.maxRows = data[0] % 4;
  options.threads = 1;
  EmbeddingSet set;
  if (!fuzz::onlyErrors("loadWordVectors(.bin)", [&] { set = loadWordVectors(path, options); })) return 0;
  fuzz::checkVectors(set);
  if (options.maxRows > 0) EMBEDLAB_FUZZ_CHECK(set.rows() <= options.maxRows);
  fuzz::checkRoundTrip(set, VectorFormat::Word2VecBinary, "copy.bin");
  return 0;
}
