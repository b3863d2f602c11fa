#pragma once
// Word vectors as the TensorFlow Embedding Projector's TSV pair: the vectors file holds the values
// ("v1\tv2\t...\tvD" a line), the metadata file beside it the labels (one a line, or a header
// such as "word\tcount" naming the columns). Layouts and policies: WordVectors.h.
#include <string>

#include "core/embeddings/EmbeddingSet.h"
#include "core/io/WordVectors.h"

namespace embedlab::wordvectors {

// Without a metadata file the labels are the row numbers ("0", "1", ...).
EmbeddingSet loadProjectorTsv(const std::string& path, const WordVectorsLoadOptions& options,
                              WordVectorsLoadReport& report);
// Both files are written atomically; counts go into the metadata when any is non-zero.
void saveProjectorTsv(const EmbeddingSet& set, const std::string& path);

}  // namespace embedlab::wordvectors
