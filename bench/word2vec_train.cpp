// bench_word2vec_train: trains Word2Vec with the library directly (no CLI), for measuring the
// kernels in isolation. Prints one JSON line with the summary.
//   bench_word2vec_train CORPUS OUT.vec [sg|cbow] [ns|hs] [auto|per-pair|minibatch] [threads]
//                        [epochs] [sample] [dim] [pre-tokenized:0|1]
// The defaults are the benchmark's settings: dim 100, window 5, negative 5, epochs 5,
// min-count 5, sample 1e-4, 2 threads.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/models/word2vec/Word2Vec.h"

int main(int argc, char** argv) {
  using namespace embedlab;
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: %s CORPUS OUT.vec [sg|cbow] [ns|hs] [auto|per-pair|minibatch] [threads] [epochs] [sample] "
                 "[dim] [pre-tokenized:0|1]\n",
                 argv[0]);
    return 2;
  }
  auto arg = [&](int i, const char* fallback) { return std::string(argc > i ? argv[i] : fallback); };
  Word2VecOptions o;
  o.corpusFiles = {argv[1]};
  o.outputPath = argv[2];
  o.arch = arg(3, "sg") == "cbow" ? Word2VecOptions::Arch::Cbow : Word2VecOptions::Arch::SkipGram;
  o.loss = arg(4, "ns") == "hs" ? Word2VecOptions::Loss::HierarchicalSoftmax : Word2VecOptions::Loss::NegativeSampling;
  const std::string kernel = arg(5, "auto");
  o.kernel = kernel == "per-pair"    ? Word2VecOptions::Kernel::PerPair
             : kernel == "minibatch" ? Word2VecOptions::Kernel::Minibatch
                                     : Word2VecOptions::Kernel::Auto;
  o.threads = std::atoi(arg(6, "2").c_str());
  o.epochs = std::atoi(arg(7, "5").c_str());
  o.sample = std::atof(arg(8, "1e-4").c_str());
  o.dim = std::atoi(arg(9, "100").c_str());
  o.preTokenized = arg(10, "1") == "1";
  o.window = 5;
  o.negative = 5;
  o.minCount = 5;
  o.reportIntervalSeconds = 1.0;

  Word2VecJob job(o);
  StopToken token;
  const JobResult result = job.run(
      [](const Progress& p) {
        if (p.phase == "training")
          std::fprintf(stderr, "\r%5.1f%%  %8.0f words/s  loss %.4f  lr %.5f  ", 100.0 * p.step / std::max<int64_t>(p.total, 1),
                       p.itemsPerSec, p.loss, p.lr);
      },
      token);
  std::fprintf(stderr, "\n");
  if (result.status != JobStatus::Finished) {
    std::fprintf(stderr, "error: %s\n", result.message.c_str());
    return 1;
  }
  const Word2VecSummary& s = job.summary();
  std::printf(
      "{\"words_per_sec\": %.0f, \"seconds\": %.3f, \"train_seconds\": %.3f, \"train_words\": %lld, \"vocab_size\": %lld, "
      "\"final_loss\": %.5f, \"out\": \"%s\"}\n",
      s.wordsPerSec, s.seconds, s.trainSeconds, static_cast<long long>(s.trainWords), static_cast<long long>(s.vocabSize),
      s.finalLoss, o.outputPath.c_str());
  return 0;
}
