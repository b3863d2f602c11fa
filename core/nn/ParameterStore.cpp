#include "core/nn/ParameterStore.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/util/Error.h"

namespace embedlab::nn {

size_t ParameterStore::add(const std::string& name, const std::vector<int64_t>& shape, bool decay) {
  if (allocated_) throw Error("parameters: '" + name + "' added after allocation");
  if (index_.count(name)) throw Error("parameters: '" + name + "' declared twice");
  size_t n = 1;
  for (int64_t d : shape) {
    if (d < 0) throw Error("parameters: '" + name + "' has a negative dimension");
    n *= static_cast<size_t>(d);
  }
  View v;
  v.name = name;
  v.shape = shape;
  v.offset = total_;
  v.size = n;
  v.decay = decay;
  total_ += (n + 15) / 16 * 16;  // keep every view 64-byte aligned for the vector kernels
  index_[name] = views_.size();
  views_.push_back(std::move(v));
  return views_.size() - 1;
}

void ParameterStore::allocate() {
  params_.assign(total_, 0.0f);
  grads_.assign(total_, 0.0f);
  allocated_ = true;
}

const ParameterStore::View& ParameterStore::view(const std::string& name) const {
  auto it = index_.find(name);
  if (it == index_.end()) throw Error("parameters: no tensor named '" + name + "'");
  return views_[it->second];
}

int64_t ParameterStore::parameterCount() const {
  int64_t n = 0;
  for (const auto& v : views_) n += static_cast<int64_t>(v.size);
  return n;
}

void ParameterStore::zeroGrad() {
  if (!grads_.empty()) std::memset(grads_.data(), 0, sizeof(float) * grads_.size());
}

double ParameterStore::gradNorm() const {
  // Blocks of fixed size summed in a fixed order: the same result on any number of threads.
  const int64_t n = static_cast<int64_t>(grads_.size());
  const int64_t block = 1 << 14;
  const int64_t nb = (n + block - 1) / block;
  std::vector<double> partial(static_cast<size_t>(nb), 0.0);
  const float* g = grads_.data();
#pragma omp parallel for schedule(static) if (n > (1 << 18))
  for (int64_t bi = 0; bi < nb; ++bi) {
    double s = 0;
    const int64_t end = std::min(n, (bi + 1) * block);
    for (int64_t i = bi * block; i < end; ++i) s += static_cast<double>(g[i]) * g[i];
    partial[bi] = s;
  }
  double total = 0;
  for (double p : partial) total += p;
  return std::sqrt(total);
}

double ParameterStore::clipGradNorm(double maxNorm) {
  const double norm = gradNorm();
  const double coef = maxNorm / (norm + 1e-6);
  if (coef < 1.0) {
    const float c = static_cast<float>(coef);
    const int64_t n = static_cast<int64_t>(grads_.size());
    float* g = grads_.data();
#pragma omp parallel for schedule(static) if (n > (1 << 18))
    for (int64_t i = 0; i < n; ++i) g[i] *= c;
  }
  return norm;
}

}  // namespace embedlab::nn
