#include "ui/runs/RunCheckpoint.h"

#include "ui/models/ModelRegistry.h"
#include "ui/models/word2vec/Word2VecModel.h"
#include "ui/runs/RunRecord.h"
#include "ui/runs/RunStore.h"

namespace embedlab::ui {

QString runCheckpointPath(const RunStore& store, const RunRecord& run) {
  const ModelDescriptor* model = ModelRegistry::builtin().find(run.modelType);
  if (!model || model->outputFileName.isEmpty()) return QString();
  const QString output = store.runDir(run.id) + QLatin1Char('/') + model->outputFileName;
  // The jobs name these paths themselves (Word2VecModel; BertPretrainer and ElmoTrainer write
  // outDir/checkpoint.safetensors); a registry entry for it would keep them in one place.
  if (run.modelType == QLatin1String("word2vec")) return word2vecCheckpointPath(output);
  if (run.modelType == QLatin1String("bert") || run.modelType == QLatin1String("elmo"))
    return output + QStringLiteral("/checkpoint.safetensors");
  return QString();
}

}  // namespace embedlab::ui
