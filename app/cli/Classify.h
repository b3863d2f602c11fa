#pragma once
// What `eval classify` and `report` share: turning a --features spec into feature matrices for a
// task's training and test texts, and running one classification experiment on them.
//
// Specs: "tfidf", "word2vec:FILE", and "KIND:PATH" for every kind a model registers with
// FeatureProviderRegistration (ELMo: "elmo:DIR", BERT: "bert:DIR"), so adding a model's features
// is adding a file, as adding a command is.
#include <functional>
#include <string>
#include <vector>

#include "app/cli/Command.h"
#include "core/eval/Classification.h"
#include "core/eval/TaskData.h"
#include "core/eval/TfIdfVectorizer.h"

namespace embedlab::cli {

// The texts and what the provider should report back.
struct FeatureRequest {
  std::string path;  // after "KIND:"
  const std::vector<std::string>* trainTexts = nullptr;
  const std::vector<std::string>* testTexts = nullptr;
  const std::vector<int>* trainLabels = nullptr;  // providers that fine-tune may use them
  int threads = 0;                                // 0: all cores
  std::string option;  // provider-specific option from --feature-option (e.g. "layer=-1", "pool=cls")
  bool finetune = false;                          // --finetune: train the model itself on the task
  const TaskData* task = nullptr;                 // labels, paths (for messages)
};

struct FeatureResult {
  FeatureMatrix train, test;
  double trainSeconds = 0;  // making the training features (and any fitting they need)
  double testSeconds = 0;   // making the test features
  std::string description;  // shown in reports, e.g. "BERT layer 4 mean-pooled (256-d)"
  nlohmann::ordered_json extra = nlohmann::ordered_json::object();  // merged into the command's JSON
  // A provider that classifies by itself (a fine-tuned model) fills these instead of features:
  // the predicted class of every test text; train/test then stay empty and no classifier is fit.
  bool predictsDirectly = false;
  std::vector<int> testPredictions;
};

using FeatureProvider = std::function<FeatureResult(const FeatureRequest&, CommandContext&)>;
// Static word vectors of a contextual model for the intrinsic benchmarks: each word's vector
// averaged over its contexts in the lines of `corpusFile` (the words needed: `words`, lowercased).
using StaticVectorsProvider = std::function<EmbeddingSet(const std::string& modelPath, const std::string& corpusFile,
                                                         const std::vector<std::string>& words, CommandContext&)>;

struct FeatureProviderRegistration {
  FeatureProviderRegistration(std::string kind, std::string help, FeatureProvider provider,
                              StaticVectorsProvider staticVectors = {});
};

// The static-vectors function of a kind (empty when it has none or the kind is unknown).
StaticVectorsProvider staticVectorsProvider(const std::string& kind);
bool hasFeatureKind(const std::string& kind);

// "tfidf, word2vec:FILE, elmo:DIR, ..." for --help texts.
std::string featureKindsHelp();

struct ClassifySettings {
  std::string features;  // the spec
  std::string featureOption;
  TfIdfVectorizer::Options tfidf;
  bool tfidfWeighted = false;  // word2vec: idf-weighted mean
  bool finetune = false;       // providers that can: fine-tune instead of freezing
  ClassificationOptions classification;
  int threads = 0;
};

struct ClassifyOutcome {
  ClassificationResult result;
  FeatureResult features;  // matrices released after the fit (rows/cols kept)
  int64_t trainRows = 0, testRows = 0, featureCount = 0;
};

// Throws UsageError for a malformed or unknown spec (checked before any work).
void checkFeatureSpec(const std::string& spec);

// Loads nothing itself: `task` is already loaded. Warns (through ctx) about unseen test labels.
ClassifyOutcome classifyTask(const TaskData& task, const ClassifySettings& settings, CommandContext& ctx);

}  // namespace embedlab::cli
