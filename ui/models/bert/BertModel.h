#pragma once
// BERT pre-training in the model registry: its form, a job factory around BertPretrainer (the run
// folder gets a "bert" directory in the Hugging Face layout), and the masked-LM accuracy series
// on the extra chart.
#include "ui/models/ModelRegistry.h"

namespace embedlab {
struct BertPretrainerOptions;
}

namespace embedlab::ui {

ModelDescriptor bertModel();

// The form's values (see BertForm::values) as pre-training options, without corpus and output
// directory. Throws UsageError for a value that does not parse or is out of range.
BertPretrainerOptions bertOptionsFromValues(const QVariantMap& values);

}  // namespace embedlab::ui
