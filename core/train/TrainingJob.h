#pragma once
// A training job: runs on a worker thread, talks only through a ProgressSink, polls a StopToken.
#include <memory>
#include <string>
#include <vector>

#include "core/train/Progress.h"

namespace embedlab {

class EmbeddingSet;

enum class JobStatus { Finished, Stopped, Failed };

struct JobResult {
  JobStatus status = JobStatus::Finished;
  std::string message;                  // why it failed or stopped; empty when finished
  std::vector<std::string> outputFiles; // files the job wrote (models, vectors, checkpoints)
};

class TrainingJob {
 public:
  virtual ~TrainingJob() = default;

  // "word2vec", "bert", "elmo"
  virtual std::string modelType() const = 0;

  // Runs to completion, until stop is requested, or until it fails. Never throws: failures
  // (bad corpus, non-finite loss, disk full) come back as JobStatus::Failed with a message.
  virtual JobResult run(const ProgressSink& sink, StopToken& token) = 0;

  // The vectors learned so far (static word vectors); null before training produced any.
  virtual std::shared_ptr<const EmbeddingSet> embeddings() const = 0;
};

}  // namespace embedlab
