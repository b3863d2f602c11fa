#pragma once
// One classification experiment on prepared features: C by cross-validation on the training
// rows (unless fixed), a final fit on all training rows, predictions and metrics on the test rows,
// with the seconds each part took.
#include <vector>

#include "core/eval/ClassifFeatures.h"
#include "core/eval/LogisticRegression.h"
#include "core/eval/Metrics.h"

namespace embedlab {

struct ClassificationOptions {
  CrossValidationOptions cv;
  double fixedC = 0;  // > 0: use this C, no cross-validation
  // Polled by the cross-validation and the final fit (between L-BFGS iterations); null: they run
  // to their end. A pointer here because these options travel through callers (classifyTask) that
  // know nothing of stopping.
  const StopToken* stop = nullptr;
};

struct ClassificationResult {
  ClassificationMetrics metrics;  // over allClasses (test labels unseen in training included)
  double c = 0;                   // the C of the final model
  CrossValidationResult cv;       // empty grids when C was fixed
  LogisticRegression::Report fit; // the final fit
  double trainSeconds = 0;        // cross-validation + final fit
  double inferenceSeconds = 0;    // predicting the test rows
};

// trainLabels in [0, trainClasses); testLabels in [0, allClasses) (allClasses >= trainClasses).
// Throws Error ("classification: stopped ...") when options.stop is requested before it is done:
// the convention of core/compare, whose callers tell a stop from a failure by asking the token.
ClassificationResult trainAndEvaluate(const FeatureMatrix& train, const std::vector<int>& trainLabels,
                                      const FeatureMatrix& test, const std::vector<int>& testLabels,
                                      int trainClasses, int allClasses, const ClassificationOptions& options);

}  // namespace embedlab
