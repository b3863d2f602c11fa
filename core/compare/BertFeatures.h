#pragma once
// bert:DIR features (frozen: one vector per text from a chosen hidden state; or fine-tuned: the
// model's own predictions) and BERT's static word vectors for the intrinsic benchmarks.
#include <string>
#include <vector>

#include "core/compare/FeatureProviders.h"

namespace embedlab {

// request.option: "layer=N,pool=mean|cls,max-len=N" (with finetune also "epochs=N,lr=X,batch=N");
// a bad option is a UsageError. extra: {"bert_layers": [first, last]} or {"finetune_steps": N}.
FeatureResult bertFeatures(const FeatureRequest& request, const CompareContext& ctx);

// A word's contextual vectors averaged over its occurrences in the first 20000 lines of corpusFile.
EmbeddingSet bertStaticVectors(const std::string& modelPath, const std::string& corpusFile,
                               const std::vector<std::string>& words, const CompareContext& ctx);

}  // namespace embedlab
