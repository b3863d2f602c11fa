#pragma once
// All parameters of a model in one contiguous float buffer, with named views, and a gradient
// buffer of the same layout: one memset zeroes every gradient, one loop steps the optimizer,
// one pass computes the global gradient norm, and a checkpoint is a list of views.
//
// Usage: add() every tensor, then allocate(); pointers stay valid for the store's lifetime.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace embedlab::nn {

class ParameterStore {
 public:
  struct View {
    std::string name;
    std::vector<int64_t> shape;
    size_t offset = 0;  // in floats, 16-float (64-byte) aligned within the buffer
    size_t size = 0;
    bool decay = true;  // false for LayerNorm weights, biases, ... (AdamW's no-decay group)
  };

  // Declares a tensor; returns its index. Throws Error after allocate() or for a duplicate name.
  size_t add(const std::string& name, const std::vector<int64_t>& shape, bool decay = true);
  // Allocates both buffers, zero-filled.
  void allocate();
  bool allocated() const { return allocated_; }

  size_t count() const { return views_.size(); }
  const std::vector<View>& views() const { return views_; }
  const View& view(size_t i) const { return views_.at(i); }
  const View& view(const std::string& name) const;  // throws Error naming the tensor
  bool contains(const std::string& name) const { return index_.count(name) != 0; }

  float* data(size_t i) { return params_.data() + views_.at(i).offset; }
  float* grad(size_t i) { return grads_.data() + views_.at(i).offset; }
  float* data(const std::string& name) { return params_.data() + view(name).offset; }
  float* grad(const std::string& name) { return grads_.data() + view(name).offset; }
  const float* data(const std::string& name) const { return params_.data() + view(name).offset; }

  // The whole buffers (padding between views included, always zero).
  float* params() { return params_.data(); }
  float* grads() { return grads_.data(); }
  const float* params() const { return params_.data(); }
  const float* grads() const { return grads_.data(); }
  size_t bufferSize() const { return params_.size(); }
  int64_t parameterCount() const;  // without padding

  void zeroGrad();
  double gradNorm() const;  // global L2 norm of all gradients, in double
  // torch.nn.utils.clip_grad_norm_: if norm > maxNorm, scale every gradient by
  // maxNorm / (norm + 1e-6). Returns the norm before clipping.
  double clipGradNorm(double maxNorm);

 private:
  std::vector<View> views_;
  std::map<std::string, size_t> index_;
  std::vector<float> params_, grads_;
  size_t total_ = 0;
  bool allocated_ = false;
};

}  // namespace embedlab::nn
