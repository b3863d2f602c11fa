// The one place where models are registered: a new model adds its folder under ui/models/ and one
// line here.
#include "ui/models/ModelRegistry.h"
#include "ui/models/bert/BertModel.h"
#include "ui/models/elmo/ElmoModel.h"
#include "ui/models/word2vec/Word2VecModel.h"

namespace embedlab::ui {

void registerBuiltinModels(ModelRegistry& registry) {
  registry.add(word2vecModel());
  registry.add(bertModel());
  registry.add(elmoModel());
}

}  // namespace embedlab::ui
