// Word2VecOptions (Word2Vec.h): the checks of the values and the kernel that Auto stands for.
#include <cmath>
#include <string>

#include "core/models/word2vec/Word2Vec.h"
#include "core/util/Error.h"

namespace embedlab {

void Word2VecOptions::validate() const {
  auto bad = [](const std::string& what) { throw UsageError("word2vec: " + what); };
  if (corpusFiles.empty()) bad("no corpus file given");
  if (dim < 1 || dim > 10000) bad("dim must be between 1 and 10000 (got " + std::to_string(dim) + ")");
  if (window < 1 || window > 1000) bad("window must be between 1 and 1000 (got " + std::to_string(window) + ")");
  if (negative < 0 || negative > 1000) bad("negative must be between 0 and 1000 (got " + std::to_string(negative) + ")");
  if (loss == Loss::NegativeSampling && negative < 1) bad("negative sampling needs negative >= 1");
  if (epochs < 1 || epochs > 100000) bad("epochs must be at least 1 (got " + std::to_string(epochs) + ")");
  if (minCount < 1) bad("min-count must be at least 1 (got " + std::to_string(minCount) + ")");
  if (maxVocab < 0) bad("max-vocab must be 0 (no limit) or positive");
  if (!(sample >= 0) || !std::isfinite(sample)) bad("sample must be a finite number >= 0");
  if (!(alpha >= 0) || !std::isfinite(alpha)) bad("alpha must be a finite number >= 0");
  if (!(minAlphaRatio >= 0 && minAlphaRatio <= 1))
    bad("min-alpha-ratio must be a number from 0 to 1 (the final learning rate as a fraction of the start)");
  if (threads < 0 || threads > 1024) bad("threads must be between 0 (all cores) and 1024");
  if (maxSentenceLength < 1) bad("max sentence length must be at least 1");
  if (!(reportIntervalSeconds > 0) || !std::isfinite(reportIntervalSeconds)) bad("report interval must be > 0");
  if (chunkBytes < 0) bad("chunk size must be 0 (read each part in order) or a positive number of bytes");
  if (checkpointEveryWords < 0) bad("checkpoint-every must be 0 (off) or a positive number of words");
  if (!(checkpointEverySeconds >= 0) || !std::isfinite(checkpointEverySeconds))
    bad("checkpoint interval in seconds must be a finite number >= 0");
}

Word2VecOptions::Kernel Word2VecOptions::effectiveKernel() const {
  if (kernel != Kernel::Auto) return kernel;
  return Kernel::Minibatch;  // measured faster for both architectures (bench/RESULTS.md)
}

}  // namespace embedlab
