#pragma once
// Word vectors in word2vec's binary layout: "N D\n", then per row "word " + D little-endian
// float32 + "\n" (gensim leaves out the "\n"; both read). Policies: WordVectors.h.
#include <string>

#include "core/embeddings/EmbeddingSet.h"
#include "core/io/WordVectors.h"

namespace embedlab::wordvectors {

EmbeddingSet loadBinaryVectors(const std::string& path, const WordVectorsLoadOptions& options,
                               WordVectorsLoadReport& report);
void saveBinaryVectors(const EmbeddingSet& set, const std::string& path);

}  // namespace embedlab::wordvectors
