#pragma once
// Word2Vec in the model registry: its form, its job factory (with a checkpoint in the run folder,
// so that a stopped run can be continued), no extra series.
#include "ui/models/ModelRegistry.h"

namespace embedlab {
struct Word2VecOptions;
}

namespace embedlab::ui {

ModelDescriptor word2vecModel();

// Where the job made for `outputPath` (RUN/vectors.vec) keeps its checkpoint: RUN/vectors.vec.checkpoint,
// written when the run is stopped and every ten minutes, removed when it finishes. A job made for
// the same output path with the same settings and corpus continues from it.
QString word2vecCheckpointPath(const QString& outputPath);

// The form's values (see Word2VecForm::values) as engine options. Throws UsageError for a value
// that does not parse or is out of range, naming the field.
Word2VecOptions word2vecOptionsFromValues(const QVariantMap& values);

}  // namespace embedlab::ui
