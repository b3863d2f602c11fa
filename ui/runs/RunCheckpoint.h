#pragma once
// Where a run's job keeps the checkpoint it continues from. Apart from RunStore so that the
// store (the run files' reader, fuzzed on its own by fuzz_run_files) knows nothing of the models.
#include <QString>

namespace embedlab::ui {

class RunStore;
struct RunRecord;

// Written on Stop, removed or superseded when the run finishes: the Word2Vec job's beside its
// vectors (RUN/vectors.vec.checkpoint), the BERT and ELMo jobs' inside their output folder
// (RUN/bert/checkpoint.safetensors). Empty for a model the registry does not know. The file may
// not exist.
QString runCheckpointPath(const RunStore& store, const RunRecord& run);

}  // namespace embedlab::ui
