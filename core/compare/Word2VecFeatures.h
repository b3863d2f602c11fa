#pragma once
// word2vec:FILE features: the mean (optionally idf-weighted) of the word vectors of a text's
// tokens, L2-normalised; and loading a vectors file with progress and a stop.
#include <string>

#include "core/compare/FeatureProviders.h"

namespace embedlab {

// Format from the extension (core/io/WordVectors.h). Throws Error naming the file when it is not
// a vectors file or holds none; notes skipped duplicate words.
EmbeddingSet loadVectorsFile(const std::string& path, const CompareContext& ctx);

// request.path: the vectors file. extra: {"tokens_found": share of the training tokens with a vector}.
FeatureResult word2vecFeatures(const FeatureRequest& request, bool idfWeighted, const CompareContext& ctx);

}  // namespace embedlab
