#pragma once
// L2-regularised multinomial logistic regression (softmax regression) on a FeatureMatrix,
// trained to convergence with L-BFGS and a strong-Wolfe line search.
//
// Objective (the minimiser is scikit-learn's LogisticRegression(C) with multinomial loss):
//   F(W, b) = (1/n) sum_i -log softmax(x_i W + b)[y_i]  +  ||W||^2 / (2 C n)
//   W: (features, classes), b: (classes) — the intercept is not regularised.
// Loss and gradient run in parallel (OpenMP over rows for the scores, over features for X^T G)
// and every sum is taken in a fixed order, so the result does not depend on the thread count.
#include <cstdint>
#include <vector>

#include "core/eval/ClassifFeatures.h"
#include "core/train/Progress.h"

namespace embedlab {

class LogisticRegression {
 public:
  struct Options {
    double c = 1.0;            // inverse regularisation strength (larger: weaker L2)
    double gradTol = 1e-5;     // stop when max |dF/dtheta| <= gradTol * max(1, that at the start)
    double fTol = 1e-10;       // or when an iteration lowers F by <= fTol * max(1, |F|) (scipy's
                               //   L-BFGS-B "factr" test, which scikit-learn relies on; 20x stricter)
    int maxIterations = 1000;  // L-BFGS iterations
    int history = 10;          // L-BFGS memory (pairs)
  };

  struct Report {
    int iterations = 0;
    int evaluations = 0;   // loss/gradient evaluations
    double loss = 0;       // final objective F
    double gradNorm = 0;   // final max |gradient|
    bool converged = false;  // one of the two tests above was met before maxIterations
    bool stopped = false;    // the stop token ended the fit: the weights are where it stood
  };

  LogisticRegression() = default;
  explicit LogisticRegression(const Options& options) : options_(options) {}

  // labels in [0, classes). `warmStart`: start from the current weights when their shape fits
  // (cross-validation over a C path reuses the previous solution). `stop` (may be null) is
  // polled before the first evaluation and before every L-BFGS iteration: a fit on a large
  // matrix takes many seconds, and a stop must not wait for it.
  Report fit(const FeatureMatrix& x, const std::vector<int>& labels, int classes, bool warmStart = false,
             const StopToken* stop = nullptr);

  // Scores x W + b: (rows, classes), row-major.
  std::vector<double> decision(const FeatureMatrix& x) const;
  std::vector<int> predict(const FeatureMatrix& x) const;

  // F and its gradient at theta (layout: W row-major (features, classes), then b). Exposed for
  // the gradient check. xt = x.transposed().
  static double lossAndGradient(const FeatureMatrix& x, const FeatureMatrix& xt, const std::vector<int>& labels,
                                int classes, double c, const std::vector<double>& theta, std::vector<double>& grad);

  int classes() const { return classes_; }
  int64_t features() const { return features_; }
  const std::vector<double>& parameters() const { return theta_; }
  void setParameters(int64_t features, int classes, std::vector<double> theta);
  const Options& options() const { return options_; }
  Options& options() { return options_; }

 private:
  Options options_;
  int classes_ = 0;
  int64_t features_ = 0;
  std::vector<double> theta_;  // (features + 1) * classes
};

// Regularisation chosen by stratified k-fold cross-validation on the training data.
struct CrossValidationOptions {
  int folds = 5;
  std::vector<double> grid = {0.01, 0.1, 1.0, 10.0, 100.0};
  uint64_t seed = 42;
  LogisticRegression::Options model;  // c is taken from the grid
  // After each fit (one fold at one C): step = fits done, total = folds x grid values, phase
  // "cross-validation". May be empty.
  ProgressSink progress;
};

struct CrossValidationResult {
  double bestC = 1.0;
  std::vector<double> accuracy;  // mean held-out accuracy per grid value
  std::vector<double> logLoss;   // mean held-out log-loss per grid value
  int fits = 0;                  // fits finished (folds x grid values unless stopped)
  bool stopped = false;          // the stop token ended it early: bestC and the means mean nothing
};

// Fold of each example: each class's examples are shuffled (fixed seed) and dealt round-robin,
// so every fold holds each class in proportion.
std::vector<int> stratifiedFolds(const std::vector<int>& labels, int classes, int folds, uint64_t seed);

// Best C: the highest mean held-out accuracy, ties broken by the lower held-out log-loss, then by
// the smaller C. Folds are trained along the C path in ascending order with warm starts.
// `stop` (may be null) is polled before every fit and inside it; a stop returns at once with
// `stopped` set.
CrossValidationResult crossValidate(const FeatureMatrix& x, const std::vector<int>& labels, int classes,
                                    const CrossValidationOptions& options, const StopToken* stop = nullptr);

}  // namespace embedlab
