#pragma once
// The models the window knows. A model contributes (a) its options form, (b) a job factory that
// turns the form's values, the corpus files and an output path into a TrainingJob, and (c) the
// names of its extra chart series. Adding a model = its own folder under ui/models/ plus one line
// in ui/models/BuiltinModels.cpp; nothing else in the UI changes.
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <functional>
#include <memory>
#include <vector>

#include "core/train/TrainingJob.h"

class QWidget;

namespace embedlab::ui {

class ModelOptionsForm;

struct ModelDescriptor {
  QString id;                                  // "word2vec"; stored in runs and settings
  std::function<QString()> displayName;        // translated at call time
  std::function<QString()> description;        // one sentence for the Train page
  std::function<ModelOptionsForm*(QWidget* parent)> createForm;
  // Throws embedlab::Error (UsageError for a bad value) when the job cannot be made.
  std::function<std::unique_ptr<TrainingJob>(const QVariantMap& values, const QStringList& corpusFiles,
                                             const QString& outputPath)> createJob;
  QString outputFileName;                      // what the job writes in the run folder, e.g. "vectors.vec"
  std::function<QString()> unitName;           // what Progress::step counts, translated ("words")
  // Final metrics of a finished job beyond loss and throughput (optional), e.g. vocabulary size.
  std::function<QVariantMap(const TrainingJob& job)> finalMetrics;
  QStringList extraSeries;                     // Progress::extras names drawn on the extra chart
};

class ModelRegistry {
 public:
  // The registry with every built-in model (see BuiltinModels.cpp).
  static const ModelRegistry& builtin();

  void add(ModelDescriptor model);
  const std::vector<ModelDescriptor>& models() const { return models_; }
  const ModelDescriptor* find(const QString& id) const;

 private:
  std::vector<ModelDescriptor> models_;
};

// Defined in BuiltinModels.cpp: one registration line per model.
void registerBuiltinModels(ModelRegistry& registry);

}  // namespace embedlab::ui
