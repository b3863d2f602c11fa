#pragma once
// Turning a features spec into feature matrices for a task's training and test texts: the feature
// kinds every comparison (embedlab-cli eval classify / report, the window's Evaluate page) offers.
//
// Specs: "tfidf", "word2vec:FILE" (mean of the word vectors of a text's tokens), "bert:DIR" (a
// frozen BERT, or fine-tuned with FeatureRequest::finetune) and "elmo:DIR" (ELMo's learned layer
// mix, mean-pooled). A kind that is a contextual model also gives static word vectors for the
// intrinsic benchmarks (each word's vectors averaged over its contexts in a corpus sample).
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/compare/CompareContext.h"
#include "core/embeddings/EmbeddingSet.h"
#include "core/eval/ClassifFeatures.h"
#include "core/eval/TaskData.h"

namespace embedlab {

// The texts and what the provider should report back.
struct FeatureRequest {
  std::string path;  // after "KIND:"
  const std::vector<std::string>* trainTexts = nullptr;
  const std::vector<std::string>* testTexts = nullptr;
  const std::vector<int>* trainLabels = nullptr;  // providers that fine-tune may use them
  int threads = 0;                                // 0: all cores
  std::string option;    // provider-specific option (e.g. "layer=-1,pool=cls" for bert)
  bool finetune = false; // train the model itself on the task (bert)
  const TaskData* task = nullptr;  // labels, paths (for messages)
};

struct FeatureResult {
  FeatureMatrix train, test;
  double trainSeconds = 0;  // making the training features (and any fitting they need)
  double testSeconds = 0;   // making the test features
  std::string description;  // shown in reports, e.g. "frozen BERT, mean of tokens of hidden state 4 (256-d)"
  // Provider-specific facts (unrounded), e.g. {"elmo_weights": [...]}; eval classify adds them to its JSON.
  nlohmann::ordered_json extra = nlohmann::ordered_json::object();
  // A provider that classifies by itself (a fine-tuned model) fills these instead of features:
  // the predicted class of every test text; train/test then stay empty and no classifier is fit.
  bool predictsDirectly = false;
  std::vector<int> testPredictions;
};

using FeatureProvider = std::function<FeatureResult(const FeatureRequest&, const CompareContext&)>;
// Static word vectors of a contextual model: each word's vector averaged over its contexts in the
// lines of `corpusFile` (the words needed: `words`, lowercased).
using StaticVectorsProvider = std::function<EmbeddingSet(const std::string& modelPath, const std::string& corpusFile,
                                                         const std::vector<std::string>& words, const CompareContext&)>;

// A model's kind. "tfidf" and "word2vec" are built into classifyTask (they take its TF-IDF
// options); the models below are listed here.
struct FeatureKind {
  std::string name;  // "bert"
  std::string help;  // after "name:" in help texts, e.g. "DIR (...)"
  FeatureProvider provider;
  StaticVectorsProvider staticVectors;
};

// The model kinds, by name (bert, elmo).
const std::vector<FeatureKind>& featureKinds();
const FeatureKind* findFeatureKind(const std::string& kind);
bool hasFeatureKind(const std::string& kind);
// The static-vectors function of a kind (empty when it has none or the kind is unknown).
StaticVectorsProvider staticVectorsProvider(const std::string& kind);

// "tfidf, word2vec:FILE (...), bert:DIR (...), elmo:DIR (...)" for help texts.
std::string featureKindsHelp();
// "KIND:PATH" -> {KIND, PATH}; "tfidf" -> {"tfidf", ""}.
std::pair<std::string, std::string> splitFeatureSpec(const std::string& spec);
// Throws UsageError for a malformed or unknown spec (checked before any work).
void checkFeatureSpec(const std::string& spec);

}  // namespace embedlab
