#pragma once
// Word2Vec (Mikolov et al. 2013): skip-gram or CBOW, negative sampling or hierarchical softmax,
// trained Hogwild-style on OpenMP threads, each thread streaming its own part of the corpus.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/train/TrainingJob.h"

namespace embedlab {

class Vocabulary;

struct Word2VecOptions {
  enum class Arch { SkipGram, Cbow };
  enum class Loss { NegativeSampling, HierarchicalSoftmax };
  // How the updates of one centre word are computed (added to the contract for benchmarking):
  //   PerPair   - word2vec.c's order: each (context, target) pair on its own, fresh negatives per pair
  //   Minibatch - pWord2Vec/BlazingText: all context rows of a centre word against one shared set
  //               of target rows (positive + negatives, or the Huffman path) as small matrix products
  //   Auto      - whichever measured faster for the architecture (see bench/RESULTS.md)
  enum class Kernel { Auto, PerPair, Minibatch };

  std::vector<std::string> corpusFiles;  // plain or .gz; read again every epoch
  Arch arch = Arch::SkipGram;
  Loss loss = Loss::NegativeSampling;
  int dim = 100;
  int window = 5;              // maximum; the effective window is drawn from 1..window per word
  int negative = 5;            // noise words per positive pair (NS only)
  int epochs = 5;
  int64_t minCount = 5;
  int64_t maxVocab = 0;        // 0: no limit
  double sample = 1e-3;        // subsampling threshold; 0 turns it off
  double alpha = 0;            // start learning rate; 0: 0.025 for skip-gram, 0.05 for CBOW
  // The rate decays linearly over the run from startAlpha() to startAlpha() * minAlphaRatio (as
  // gensim's min_alpha; word2vec.c ends at 1e-4). At 5 epochs 0.1 gave better vectors than 1e-4 on
  // every corpus and evaluation measured (bench/RESULTS.md, "Final learning rate"); added for issue 2.
  double minAlphaRatio = 0.1;
  // word2vec.c's final ratio: what runs and checkpoints made before the ratio was a setting used.
  static constexpr double kWord2vecCMinAlphaRatio = 1e-4;
  int threads = 0;             // 0: all cores; 1 + fixed seed = deterministic, bit-identical
  uint64_t seed = 1;
  bool preTokenized = false;   // split on whitespace only
  int maxSentenceLength = 1000;  // longer lines are cut into sentences of this many words
  std::string outputPath;      // if set, vectors are saved there (format by extension) at the end
  std::string lossLogPath;     // if set, a CSV of every progress report (words,loss,lr,words_per_sec)
  double reportIntervalSeconds = 0.1;
  Kernel kernel = Kernel::Auto;
  // How a thread reads its part of a plain-text file (added for issue 2): 0 in order, start to
  // end; > 0 in chunks of about this many bytes, visited in a seeded order drawn anew each epoch
  // (streaming, no extra memory; with threads = 1 and a fixed seed still bit-reproducible).
  // Compressed files are always read in order.
  int64_t chunkBytes = 0;

  // Checkpoints (added to the contract for resuming, issue 8). With checkpointPath set, the run
  // keeps there everything needed to continue it (Word2VecCheckpoint.h): written atomically when
  // a stop is requested and every checkpointEveryWords words / checkpointEverySeconds seconds,
  // never from a diverged model (a non-finite loss leaves the last good one), and removed once
  // training has finished and the vectors are saved. With `resume`, a run whose checkpointPath
  // exists continues from it; a checkpoint made with other settings, another thread count or
  // another corpus is refused with a message naming the difference. With threads = 1 the resumed
  // run ends bit-identical to one that ran straight through.
  std::string checkpointPath;          // empty: no checkpoints
  bool resume = true;
  int64_t checkpointEveryWords = 0;    // 0: not by words
  double checkpointEverySeconds = 0;   // 0: not by time

  // Throws UsageError naming the field when a value is out of range.
  void validate() const;
  double startAlpha() const { return alpha > 0 ? alpha : (arch == Arch::SkipGram ? 0.025 : 0.05); }
  // Kernel::Auto resolved for this architecture.
  Kernel effectiveKernel() const;
};

struct Word2VecSummary {
  int64_t trainWords = 0;      // words processed over all epochs (after subsampling is decided)
  int64_t vocabSize = 0;
  double seconds = 0;          // whole job: vocabulary + training + saving
  double trainSeconds = 0;
  double wordsPerSec = 0;      // corpus words per second of training, all epochs
  double finalLoss = 0;        // mean loss over the last reporting window
  int64_t resumedWords = 0;    // words the checkpoint this run resumed from had done (0: fresh)
  int checkpointsWritten = 0;  // by this run, periodic and final
};

class Word2VecJob : public TrainingJob {
 public:
  explicit Word2VecJob(Word2VecOptions options);
  ~Word2VecJob() override;

  std::string modelType() const override { return "word2vec"; }
  JobResult run(const ProgressSink& sink, StopToken& token) override;
  std::shared_ptr<const EmbeddingSet> embeddings() const override;

  const Word2VecOptions& options() const { return options_; }
  const Word2VecSummary& summary() const { return summary_; }
  const Vocabulary* vocabulary() const;

 private:
  struct Impl;
  Word2VecOptions options_;
  Word2VecSummary summary_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace embedlab
