#include "core/eval/Classification.h"

#include <chrono>
#include <string>

#include "core/util/Error.h"

namespace embedlab {

ClassificationResult trainAndEvaluate(const FeatureMatrix& train, const std::vector<int>& trainLabels,
                                      const FeatureMatrix& test, const std::vector<int>& testLabels,
                                      int trainClasses, int allClasses, const ClassificationOptions& options) {
  using Clock = std::chrono::steady_clock;
  auto seconds = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
  if (train.cols != test.cols) throw Error("classification: train and test features differ in width");
  ClassificationResult result;
  const auto t0 = Clock::now();
  if (options.fixedC > 0) {
    result.c = options.fixedC;
  } else {
    result.cv = crossValidate(train, trainLabels, trainClasses, options.cv, options.stop);
    if (result.cv.stopped)
      throw Error("classification: stopped while cross-validating C (after " + std::to_string(result.cv.fits) +
                  " of " + std::to_string(options.cv.folds * options.cv.grid.size()) + " fits)");
    result.c = result.cv.bestC;
  }
  LogisticRegression::Options modelOptions = options.cv.model;
  modelOptions.c = result.c;
  LogisticRegression model(modelOptions);
  result.fit = model.fit(train, trainLabels, trainClasses, /*warmStart=*/false, options.stop);
  if (result.fit.stopped) throw Error("classification: stopped during the final fit");
  const auto t1 = Clock::now();
  const std::vector<int> predicted = model.predict(test);
  const auto t2 = Clock::now();
  result.metrics = computeMetrics(testLabels, predicted, allClasses);
  result.trainSeconds = seconds(t0, t1);
  result.inferenceSeconds = seconds(t1, t2);
  return result;
}

}  // namespace embedlab
