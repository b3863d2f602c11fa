#pragma once
// ELMo in the model registry: its form, a job factory around elmo::ElmoTrainer (the run folder
// gets an "elmo" directory with vocab.txt, checkpoint.safetensors and model.safetensors), and
// the perplexity series on the extra chart.
#include <QString>
#include <vector>

#include "ui/models/ModelRegistry.h"

namespace embedlab::nn {
struct CharConvFilter;
}
namespace embedlab::elmo {
struct ElmoTrainerOptions;
}

namespace embedlab::ui {

ModelDescriptor elmoModel();

// "1:32, 2:32, 3:64" (width:count pairs separated by commas or spaces) as filters. Throws
// UsageError naming the field for text that does not parse or a width/count below 1.
std::vector<nn::CharConvFilter> parseCharFilters(const QString& text);
QString formatCharFilters(const std::vector<nn::CharConvFilter>& filters);

// The form's values (see ElmoForm::values) as trainer options, without corpus and output
// directory. Throws UsageError for a value that does not parse or is out of range.
elmo::ElmoTrainerOptions elmoOptionsFromValues(const QVariantMap& values);

}  // namespace embedlab::ui
