#pragma once
// Classification metrics from true and predicted class indices: accuracy, per-class precision,
// recall, F1 and support, macro-F1 and the confusion matrix.
// Conventions (as scikit-learn with zero_division=0): a class never predicted has precision 0, a
// class without true examples has recall 0, and F1 is 0 when precision + recall is 0. Macro-F1 is
// the unweighted mean of F1 over the classes with support > 0 or predictions > 0 (sklearn's
// default "labels present in y_true or y_pred").
#include <cstdint>
#include <vector>

namespace embedlab {

struct ClassMetrics {
  double precision = 0, recall = 0, f1 = 0;
  int64_t support = 0;    // true examples of the class
  int64_t predicted = 0;  // examples predicted as the class
};

struct ClassificationMetrics {
  double accuracy = 0;
  double macroF1 = 0;
  std::vector<ClassMetrics> perClass;
  std::vector<std::vector<int64_t>> confusion;  // [true class][predicted class]
};

// truth, predicted: class indices in [0, classes). Throws Error when sizes differ or are empty.
ClassificationMetrics computeMetrics(const std::vector<int>& truth, const std::vector<int>& predicted, int classes);

}  // namespace embedlab
