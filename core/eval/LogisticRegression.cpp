#include "core/eval/LogisticRegression.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "core/util/Error.h"

namespace embedlab {
namespace {

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

double maxAbs(const std::vector<double>& a) {
  double m = 0;
  for (double v : a) m = std::max(m, std::abs(v));
  return m;
}

// scores: (rows, classes) = x W + b, theta = [W (features, classes) row-major, b (classes)].
void computeScores(const FeatureMatrix& x, int classes, const std::vector<double>& theta, std::vector<double>& scores) {
  const int64_t k = classes;
  const double* b = theta.data() + x.cols * k;
  scores.assign(x.rows * k, 0.0);
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < x.rows; ++r) {
    double* z = scores.data() + r * k;
    for (int64_t c = 0; c < k; ++c) z[c] = b[c];
    if (x.dense) {
      const float* xr = x.values.data() + r * x.cols;
      for (int64_t j = 0; j < x.cols; ++j) {
        const double v = xr[j];
        const double* w = theta.data() + j * k;
        for (int64_t c = 0; c < k; ++c) z[c] += v * w[c];
      }
    } else {
      for (int64_t e = x.indptr[r]; e < x.indptr[r + 1]; ++e) {
        const double v = x.values[e];
        const double* w = theta.data() + static_cast<int64_t>(x.indices[e]) * k;
        for (int64_t c = 0; c < k; ++c) z[c] += v * w[c];
      }
    }
  }
}

// Softmax of one row in place; returns log-sum-exp (max-shifted, so no overflow).
double softmaxInPlace(double* z, int k) {
  double m = z[0];
  for (int c = 1; c < k; ++c) m = std::max(m, z[c]);
  double s = 0;
  for (int c = 0; c < k; ++c) {
    z[c] = std::exp(z[c] - m);
    s += z[c];
  }
  for (int c = 0; c < k; ++c) z[c] /= s;
  return m + std::log(s);
}

}  // namespace

double LogisticRegression::lossAndGradient(const FeatureMatrix& x, const FeatureMatrix& xt,
                                           const std::vector<int>& labels, int classes, double c,
                                           const std::vector<double>& theta, std::vector<double>& grad) {
  const int64_t n = x.rows, k = classes, d = x.cols;
  std::vector<double> g;  // (n, k): scores, then (softmax - onehot) / n
  computeScores(x, classes, theta, g);
  std::vector<double> rowLoss(n);
  const double invN = 1.0 / static_cast<double>(n);
#pragma omp parallel for schedule(static)
  for (int64_t r = 0; r < n; ++r) {
    double* z = g.data() + r * k;
    const double zy = z[labels[r]];
    rowLoss[r] = softmaxInPlace(z, classes) - zy;
    z[labels[r]] -= 1.0;
    for (int64_t cc = 0; cc < k; ++cc) z[cc] *= invN;
  }
  double loss = 0;
  for (int64_t r = 0; r < n; ++r) loss += rowLoss[r];  // in row order: deterministic
  loss *= invN;
  const double lambda = 1.0 / (c * static_cast<double>(n));
  grad.assign(theta.size(), 0.0);
  // dW = X^T G + lambda W: one feature per iteration, its rows in ascending order.
#pragma omp parallel for schedule(dynamic, 256)
  for (int64_t j = 0; j < d; ++j) {
    double* gw = grad.data() + j * k;
    const double* w = theta.data() + j * k;
    if (xt.dense) {
      const float* col = xt.values.data() + j * n;
      for (int64_t r = 0; r < n; ++r) {
        const double v = col[r];
        if (v == 0) continue;
        const double* gr = g.data() + r * k;
        for (int64_t cc = 0; cc < k; ++cc) gw[cc] += v * gr[cc];
      }
    } else {
      for (int64_t e = xt.indptr[j]; e < xt.indptr[j + 1]; ++e) {
        const double v = xt.values[e];
        const double* gr = g.data() + static_cast<int64_t>(xt.indices[e]) * k;
        for (int64_t cc = 0; cc < k; ++cc) gw[cc] += v * gr[cc];
      }
    }
    for (int64_t cc = 0; cc < k; ++cc) gw[cc] += lambda * w[cc];
  }
  double wsq = 0;
  for (int64_t i = 0; i < d * k; ++i) wsq += theta[i] * theta[i];
  double* gb = grad.data() + d * k;
  for (int64_t r = 0; r < n; ++r)
    for (int64_t cc = 0; cc < k; ++cc) gb[cc] += g[r * k + cc];
  return loss + 0.5 * lambda * wsq;
}

void LogisticRegression::setParameters(int64_t features, int classes, std::vector<double> theta) {
  if (static_cast<int64_t>(theta.size()) != (features + 1) * classes)
    throw Error("logistic regression: parameter vector does not match (features + 1) x classes");
  features_ = features;
  classes_ = classes;
  theta_ = std::move(theta);
}

LogisticRegression::Report LogisticRegression::fit(const FeatureMatrix& x, const std::vector<int>& labels,
                                                   int classes, bool warmStart, const StopToken* stop) {
  if (x.rows == 0) throw Error("logistic regression: no training examples");
  if (static_cast<int64_t>(labels.size()) != x.rows) throw Error("logistic regression: labels do not match the rows");
  if (classes < 1) throw Error("logistic regression: no classes");
  for (int y : labels)
    if (y < 0 || y >= classes) throw Error("logistic regression: label out of range");
  if (!(options_.c > 0)) throw UsageError("logistic regression: C must be positive");
  const int64_t size = (x.cols + 1) * classes;
  if (!warmStart || static_cast<int64_t>(theta_.size()) != size || classes_ != classes) theta_.assign(size, 0.0);
  features_ = x.cols;
  classes_ = classes;
  Report report;
  auto stopRequested = [&] { return stop && stop->stopRequested(); };
  if (stopRequested()) {
    report.stopped = true;
    return report;
  }
  const FeatureMatrix xt = x.transposed();
  auto evaluate = [&](const std::vector<double>& theta, std::vector<double>& grad) {
    ++report.evaluations;
    return lossAndGradient(x, xt, labels, classes, options_.c, theta, grad);
  };

  std::vector<double> grad, trialTheta(size), trialGrad;
  double f = evaluate(theta_, grad);
  const double tol = options_.gradTol * std::max(1.0, maxAbs(grad));
  const int m = std::max(1, options_.history);
  std::vector<std::vector<double>> sHist, yHist;  // s = theta_{k+1} - theta_k, y = grad_{k+1} - grad_k
  std::vector<double> rhoHist;
  std::vector<double> dir(size), alphaTmp(m);
  const double c1 = 1e-4, c2 = 0.9;

  for (int iter = 0; iter < options_.maxIterations; ++iter) {
    report.gradNorm = maxAbs(grad);
    if (report.gradNorm <= tol) {
      report.converged = true;
      break;
    }
    if (stopRequested()) {
      report.stopped = true;
      break;
    }
    // Two-loop recursion: dir = -H grad.
    for (int64_t i = 0; i < size; ++i) dir[i] = -grad[i];
    const int h = static_cast<int>(sHist.size());
    for (int i = h - 1; i >= 0; --i) {
      alphaTmp[i] = rhoHist[i] * dot(sHist[i], dir);
      for (int64_t t = 0; t < size; ++t) dir[t] -= alphaTmp[i] * yHist[i][t];
    }
    if (h > 0) {
      const double gamma = dot(sHist[h - 1], yHist[h - 1]) / dot(yHist[h - 1], yHist[h - 1]);
      for (double& v : dir) v *= gamma;
    }
    for (int i = 0; i < h; ++i) {
      const double beta = rhoHist[i] * dot(yHist[i], dir);
      for (int64_t t = 0; t < size; ++t) dir[t] += (alphaTmp[i] - beta) * sHist[i][t];
    }
    double dphi0 = dot(grad, dir);
    if (!(dphi0 < 0)) {  // not a descent direction (numerical trouble): restart from steepest descent
      sHist.clear(), yHist.clear(), rhoHist.clear();
      for (int64_t i = 0; i < size; ++i) dir[i] = -grad[i];
      dphi0 = dot(grad, dir);
    }

    // Strong-Wolfe line search (Nocedal & Wright, algorithms 3.5 and 3.6).
    auto phi = [&](double a, double& dphi) {
      for (int64_t i = 0; i < size; ++i) trialTheta[i] = theta_[i] + a * dir[i];
      const double v = evaluate(trialTheta, trialGrad);
      dphi = dot(trialGrad, dir);
      return v;
    };
    double a0 = sHist.empty() ? std::min(1.0, 1.0 / std::sqrt(-dphi0)) : 1.0;
    double aPrev = 0, fPrev = f, dPrev = dphi0, a = a0;
    double accepted = -1, fNew = 0;
    bool lastIsAccepted = false;
    auto zoom = [&](double lo, double hi, double flo, double fhi, double dlo, double dhi) {
      for (int t = 0; t < 40; ++t) {
        // Cubic interpolation of phi on [lo, hi], kept away from the ends; bisection when it fails.
        double trial = 0.5 * (lo + hi);
        const double d1 = dlo + dhi - 3.0 * (flo - fhi) / (lo - hi);
        const double disc = d1 * d1 - dlo * dhi;
        if (disc >= 0 && std::isfinite(disc)) {
          const double d2 = (hi > lo ? 1.0 : -1.0) * std::sqrt(disc);
          const double denom = dhi - dlo + 2.0 * d2;
          if (denom != 0) {
            const double cubic = hi - (hi - lo) * (dhi + d2 - d1) / denom;
            const double left = std::min(lo, hi), right = std::max(lo, hi), span = right - left;
            if (std::isfinite(cubic)) trial = std::clamp(cubic, left + 0.1 * span, right - 0.1 * span);
          }
        }
        double dt;
        const double ft = phi(trial, dt);
        if (ft > f + c1 * trial * dphi0 || ft >= flo) {
          hi = trial, fhi = ft, dhi = dt;
        } else {
          if (std::abs(dt) <= -c2 * dphi0) {
            accepted = trial, fNew = ft, lastIsAccepted = true;
            return;
          }
          if (dt * (hi - lo) >= 0) hi = lo, fhi = flo, dhi = dlo;
          lo = trial, flo = ft, dlo = dt;
        }
        if (std::abs(hi - lo) <= 1e-12 * std::max(1.0, std::abs(lo))) break;
      }
      // Interval too small to satisfy the curvature condition: take the best point with
      // sufficient decrease (lo), if any.
      if (lo > 0) accepted = lo, fNew = flo, lastIsAccepted = false;
    };
    for (int t = 0; t < 40 && accepted < 0; ++t) {
      double da;
      const double fa = phi(a, da);
      if (!std::isfinite(fa) || fa > f + c1 * a * dphi0 || (t > 0 && fa >= fPrev)) {
        zoom(aPrev, a, fPrev, std::isfinite(fa) ? fa : std::numeric_limits<double>::max(), dPrev, da);
        break;
      }
      if (std::abs(da) <= -c2 * dphi0) {
        accepted = a, fNew = fa, lastIsAccepted = true;
        break;
      }
      if (da >= 0) {
        zoom(a, aPrev, fa, fPrev, da, dPrev);
        break;
      }
      aPrev = a, fPrev = fa, dPrev = da;
      a *= 2.0;
    }
    if (accepted <= 0) break;  // no progress possible: at the optimum to machine precision
    if (!lastIsAccepted) {
      double unused;
      fNew = phi(accepted, unused);
    }
    // trialTheta / trialGrad now hold the accepted point.
    std::vector<double> s(size), y(size);
    for (int64_t i = 0; i < size; ++i) {
      s[i] = trialTheta[i] - theta_[i];
      y[i] = trialGrad[i] - grad[i];
    }
    const double sy = dot(s, y);
    theta_.swap(trialTheta);
    grad.swap(trialGrad);
    const double fOld = f;
    f = fNew;
    report.iterations = iter + 1;
    if (sy > 1e-12 * std::sqrt(dot(s, s) * dot(y, y))) {  // keep H positive definite
      if (static_cast<int>(sHist.size()) == m) {
        sHist.erase(sHist.begin()), yHist.erase(yHist.begin()), rhoHist.erase(rhoHist.begin());
      }
      sHist.push_back(std::move(s)), yHist.push_back(std::move(y)), rhoHist.push_back(1.0 / sy);
    }
    // Relative decrease test: on nearly separable data with a weak penalty the gradient shrinks
    // very slowly while F no longer moves in any digit that matters.
    if (fOld - f <= options_.fTol * std::max({1.0, std::abs(f), std::abs(fOld)})) {
      report.converged = true;
      break;
    }
  }
  report.loss = f;
  report.gradNorm = maxAbs(grad);
  if (report.gradNorm <= tol) report.converged = true;
  return report;
}

std::vector<double> LogisticRegression::decision(const FeatureMatrix& x) const {
  if (x.cols != features_) throw Error("logistic regression: the features do not match the fitted model");
  std::vector<double> scores;
  computeScores(x, classes_, theta_, scores);
  return scores;
}

std::vector<int> LogisticRegression::predict(const FeatureMatrix& x) const {
  const std::vector<double> scores = decision(x);
  std::vector<int> out(x.rows);
  for (int64_t r = 0; r < x.rows; ++r) {
    const double* z = scores.data() + r * classes_;
    out[r] = static_cast<int>(std::max_element(z, z + classes_) - z);  // first maximum on ties
  }
  return out;
}

std::vector<int> stratifiedFolds(const std::vector<int>& labels, int classes, int folds, uint64_t seed) {
  std::vector<std::vector<int64_t>> byClass(classes);
  for (size_t i = 0; i < labels.size(); ++i) byClass[labels[i]].push_back(static_cast<int64_t>(i));
  std::vector<int> fold(labels.size(), 0);
  std::mt19937_64 rng(seed);  // mt19937_64's sequence is fixed by the standard
  int next = 0;  // continue dealing across classes so that small classes do not all start at fold 0
  for (auto& members : byClass) {
    // Fisher-Yates with our own range reduction (std::uniform_int_distribution is not portable).
    for (size_t i = members.size(); i > 1; --i) std::swap(members[i - 1], members[rng() % i]);
    for (int64_t id : members) {
      fold[id] = next;
      next = (next + 1) % folds;
    }
  }
  return fold;
}

CrossValidationResult crossValidate(const FeatureMatrix& x, const std::vector<int>& labels, int classes,
                                    const CrossValidationOptions& options, const StopToken* stop) {
  if (options.grid.empty()) throw UsageError("cross-validation: empty grid of C values");
  if (options.folds < 2) throw UsageError("cross-validation: at least 2 folds");
  if (x.rows < options.folds) throw Error("cross-validation: fewer training examples than folds");
  std::vector<double> grid = options.grid;
  std::sort(grid.begin(), grid.end());
  const std::vector<int> fold = stratifiedFolds(labels, classes, options.folds, options.seed);
  CrossValidationResult result;
  result.accuracy.assign(grid.size(), 0.0);
  result.logLoss.assign(grid.size(), 0.0);
  const int plannedFits = options.folds * static_cast<int>(grid.size());
  for (int f = 0; f < options.folds; ++f) {
    std::vector<int64_t> trainRows, heldRows;
    for (int64_t i = 0; i < x.rows; ++i) (fold[i] == f ? heldRows : trainRows).push_back(i);
    const FeatureMatrix xTrain = x.selectRows(trainRows), xHeld = x.selectRows(heldRows);
    std::vector<int> yTrain, yHeld;
    for (int64_t i : trainRows) yTrain.push_back(labels[i]);
    for (int64_t i : heldRows) yHeld.push_back(labels[i]);
    LogisticRegression model(options.model);
    for (size_t g = 0; g < grid.size(); ++g) {
      model.options().c = grid[g];
      if (model.fit(xTrain, yTrain, classes, /*warmStart=*/g > 0, stop).stopped) {
        result.stopped = true;
        return result;
      }
      std::vector<double> scores = model.decision(xHeld);
      double correct = 0, loss = 0;
      for (size_t r = 0; r < yHeld.size(); ++r) {
        double* z = scores.data() + r * classes;
        const double zy = z[yHeld[r]];
        const int best = static_cast<int>(std::max_element(z, z + classes) - z);
        if (best == yHeld[r]) correct += 1;
        loss += softmaxInPlace(z, classes) - zy;
      }
      result.accuracy[g] += correct;
      result.logLoss[g] += loss;
      ++result.fits;
      if (options.progress) {
        Progress p;
        p.phase = "cross-validation";
        p.step = result.fits;
        p.total = plannedFits;
        options.progress(p);
      }
    }
  }
  size_t best = 0;
  for (size_t g = 0; g < grid.size(); ++g) {
    result.accuracy[g] /= static_cast<double>(x.rows);
    result.logLoss[g] /= static_cast<double>(x.rows);
  }
  for (size_t g = 1; g < grid.size(); ++g) {
    // Accuracies are counts / n, so equal counts compare exactly equal.
    if (result.accuracy[g] > result.accuracy[best] ||
        (result.accuracy[g] == result.accuracy[best] && result.logLoss[g] < result.logLoss[best]))
      best = g;
  }
  result.bestC = grid[best];
  return result;
}

}  // namespace embedlab
