#pragma once
// Word vectors as text, one row a line: word2vec text ("N D" header, "%f" values each followed by
// a space, as word2vec.c writes them; fastText's .vec reads the same way) and GloVe text (no
// header; the dimension comes from the first data line). Layouts and policies: WordVectors.h.
#include <string>

#include "core/embeddings/EmbeddingSet.h"
#include "core/io/WordVectors.h"

namespace embedlab::wordvectors {

// requested: Word2VecText (a header is required), GloveText (no header is looked for) or Auto
// (the first non-blank line decides).
EmbeddingSet loadTextVectors(const std::string& path, VectorFormat requested, const WordVectorsLoadOptions& options,
                             WordVectorsLoadReport& report);
// header: word2vec text; without it, GloVe text.
void saveTextVectors(const EmbeddingSet& set, const std::string& path, bool header);

}  // namespace embedlab::wordvectors
