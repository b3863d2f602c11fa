#pragma once
// Word2Vec in the model registry: its form, its job factory, no extra series.
#include "ui/models/ModelRegistry.h"

namespace embedlab {
struct Word2VecOptions;
}

namespace embedlab::ui {

ModelDescriptor word2vecModel();

// The form's values (see Word2VecForm::values) as engine options. Throws UsageError for a value
// that does not parse or is out of range, naming the field.
Word2VecOptions word2vecOptionsFromValues(const QVariantMap& values);

}  // namespace embedlab::ui
