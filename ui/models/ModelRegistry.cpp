#include "ui/models/ModelRegistry.h"

namespace embedlab::ui {

const ModelRegistry& ModelRegistry::builtin() {
  static const ModelRegistry registry = [] {
    ModelRegistry r;
    registerBuiltinModels(r);
    return r;
  }();
  return registry;
}

void ModelRegistry::add(ModelDescriptor model) {
  for (auto& m : models_) {
    if (m.id == model.id) {
      m = std::move(model);
      return;
    }
  }
  models_.push_back(std::move(model));
}

const ModelDescriptor* ModelRegistry::find(const QString& id) const {
  for (const auto& m : models_)
    if (m.id == id) return &m;
  return nullptr;
}

}  // namespace embedlab::ui
