#pragma once
// The small analogy and similarity sets written for EmbedLab (resources/eval), compiled into the
// GUI as Qt resources, parsed with the same loaders as any file.
#include <QString>

#include "core/eval/AnalogyBenchmark.h"
#include "core/eval/SimilarityBenchmark.h"

namespace embedlab::ui {

class BuiltinSets {
 public:
  static QString analogyResource();     // ":/eval/analogies-small.txt"
  static QString similarityResource();  // ":/eval/similarity-small.txt"

  // Throw embedlab::Error when the resource is missing from the build.
  static AnalogyBenchmark analogies();
  static SimilarityBenchmark similarity();
};

}  // namespace embedlab::ui
