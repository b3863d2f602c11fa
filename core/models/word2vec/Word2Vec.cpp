#include "core/models/word2vec/Word2Vec.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "core/embeddings/EmbeddingSet.h"
#include "core/io/WordVectors.h"
#include "core/models/word2vec/AlignedMatrix.h"
#include "core/models/word2vec/AliasSampler.h"
#include "core/models/word2vec/CheckpointBarrier.h"
#include "core/models/word2vec/HuffmanTree.h"
#include "core/models/word2vec/Kernels.h"
#include "core/models/word2vec/PublishedCounters.h"
#include "core/models/word2vec/Rng.h"
#include "core/models/word2vec/Word2VecCheckpoint.h"
#include "core/models/word2vec/Word2VecResume.h"
#include "core/models/word2vec/WordIndex.h"
#include "core/text/CorpusReader.h"
#include "core/text/Tokenizer.h"
#include "core/text/Vocabulary.h"
#include "core/train/JobSupport.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab {

using Clock = std::chrono::steady_clock;

namespace {

double secondsBetween(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

std::string joinFiles(const std::vector<std::string>& files) {
  std::string out;
  for (size_t i = 0; i < files.size(); ++i) out += (i ? ", " : "") + files[i];
  return out;
}

// Words a thread processes between two publications / stop polls. At the slowest realistic
// settings (dim 300, window 10, CBOW/HS) this is a few ms of work, far inside the 100 ms budget.
constexpr int64_t kSyncWords = 1024;

}  // namespace

struct Word2VecJob::Impl {
  Vocabulary vocab;
  bool haveVocab = false;
  mutable std::mutex mutex;  // guards `embeddings` (read from other threads)
  std::shared_ptr<const EmbeddingSet> embeddings;
};

Word2VecJob::Word2VecJob(Word2VecOptions options) : options_(std::move(options)), impl_(std::make_unique<Impl>()) {}
Word2VecJob::~Word2VecJob() = default;

std::shared_ptr<const EmbeddingSet> Word2VecJob::embeddings() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->embeddings;
}

const Vocabulary* Word2VecJob::vocabulary() const { return impl_->haveVocab ? &impl_->vocab : nullptr; }

// ------------------------------------------------------------------------------------------------
// The training run: shared read-only model description, shared Hogwild parameters, per-thread
// readers/scratch/accumulators, and one coordinating thread (OpenMP thread 0, the caller's
// thread) that aggregates the published accumulators into per-window progress reports.

namespace {

using w2v::AlignedMatrix;
using w2v::Published;
using w2v::Snapshot;

struct Trainer {
  using Position = Word2VecCheckpoint::ThreadPosition;
  const Word2VecOptions& opt;
  const Vocabulary& vocab;
  const ProgressSink& sink;
  StopToken& token;
  Clock::time_point jobStart;

  int stride = 0, chunks = 0;
  bool skipGram = true, hs = false, minibatch = true;
  AlignedMatrix syn0, syn1;      // input (V, stride); output (V or V-1, stride)
  HuffmanTree tree;
  AliasSampler noise;
  std::unique_ptr<WordIndex> index;
  std::vector<float> keep;       // (V) subsampling keep probabilities, empty: keep all
  int maxTargets = 1;
  float startLr = 0.025f;
  int64_t totalWords = 0;        // epochs * train words: the planned work

  // Shared run state.
  std::unique_ptr<Published[]> published;
  int maxThreads = 1;
  alignas(64) std::atomic<int64_t> globalWords{0};
  alignas(64) std::atomic<bool> abort{false};
  std::atomic<int> finishedThreads{0};
  std::atomic<int> teamSize{0};
  std::mutex failMutex;
  std::string failMessage;

  // Checkpoints: the positions of the threads and the barrier of a write (CheckpointBarrier.h).
  w2v::CheckpointBarrier checkpoints;
  const std::vector<Position>* resumeFrom = nullptr;
  std::function<bool()> writeCheckpoint;       // set by the job; false: not written (diverged)
  int checkpointsWritten = 0;
  int64_t resumedWords = 0;

  // Reporting state (touched by the coordinating thread only, and by run() after the join).
  Clock::time_point trainStart, lastReport;
  Clock::duration paused{};
  double lastReportElapsed = 0;
  Snapshot lastTotal;
  std::vector<Snapshot> lastPerThread;
  double lastWindowLoss = 0;
  bool haveWindowLoss = false;
  std::string lossLog;

  Trainer(const Word2VecOptions& o, const Vocabulary& v, const ProgressSink& s, StopToken& t, Clock::time_point start)
      : opt(o), vocab(v), sink(s), token(t), jobStart(start) {}

  void fail(const std::string& message) {
    std::lock_guard<std::mutex> lock(failMutex);
    if (failMessage.empty()) failMessage = message;
    abort.store(true, std::memory_order_relaxed);
  }

  // Linear from startLr (no words done) to startLr * minAlphaRatio (all planned words done).
  float lrAt(int64_t words) const {
    const double left = std::max(0.0, 1.0 - static_cast<double>(words) / static_cast<double>(totalWords + 1));
    const double r = opt.minAlphaRatio;
    return static_cast<float>(startLr * (r + (1.0 - r) * left));
  }

  double trainingElapsed(Clock::time_point now) const { return secondsBetween(trainStart, now - paused); }

  void setUp(bool initialise) {
    const int64_t v = vocab.size();
    stride = w2v::paddedDim(opt.dim);
    chunks = stride / w2v::kLanes;
    skipGram = opt.arch == Word2VecOptions::Arch::SkipGram;
    hs = opt.loss == Word2VecOptions::Loss::HierarchicalSoftmax;
    minibatch = opt.effectiveKernel() == Word2VecOptions::Kernel::Minibatch;
    startLr = static_cast<float>(opt.startAlpha());
    totalWords = static_cast<int64_t>(opt.epochs) * vocab.totalCount();

    // word2vec.c's initialisation: input rows uniform in [-0.5, 0.5) / dim, output rows zero.
    // Each row has its own random stream, so the start does not depend on the thread count.
    syn0 = AlignedMatrix(v, stride);
    const float scale = 1.0f / static_cast<float>(opt.dim);
    if (initialise) {  // a resumed run reads the rows from its checkpoint instead
#pragma omp parallel for schedule(static) num_threads(std::max(1, opt.threads == 0 ? omp_get_max_threads() : opt.threads))
      for (int64_t r = 0; r < v; ++r) {
        w2v::Rng rng(opt.seed, 0x5eed0000000000ULL + static_cast<uint64_t>(r));
        float* row = syn0.row(r);
        for (int i = 0; i < opt.dim; ++i) row[i] = (rng.uniform() - 0.5f) * scale;
      }
    }
    if (hs) {
      tree = HuffmanTree(vocab.counts());
      syn1 = AlignedMatrix(std::max<int64_t>(v - 1, 1), stride);
      maxTargets = std::max(1, tree.maxCodeLength());
    } else {
      noise = AliasSampler(vocab.counts(), 0.75);
      syn1 = AlignedMatrix(v, stride);
      maxTargets = 1 + opt.negative;
    }
    if (opt.sample > 0) keep = vocab.keepProbabilities(opt.sample);
    index = std::make_unique<WordIndex>(vocab);
    fileBytes.clear();
    if (chunked())
      for (const std::string& file : opt.corpusFiles) {
        const CorpusReader r(file);
        fileBytes.push_back(r.compressed() ? -1 : r.fileBytes());
      }
    maxThreads = opt.threads > 0 ? opt.threads : omp_get_max_threads();
    published = std::make_unique<Published[]>(maxThreads);
    lastPerThread.assign(maxThreads, Snapshot{});
    checkpoints.setUp(maxThreads, opt.checkpointEveryWords, opt.checkpointEverySeconds);
  }

  // Continues from a checkpoint's positions (the matrices are already read): the counters, the
  // reporting baseline and the loss log carry on where they stood.
  void restore(const std::vector<Position>& positions, const std::string& previousLossLog) {
    resumeFrom = &positions;
    Snapshot total;
    for (size_t t = 0; t < positions.size() && t < static_cast<size_t>(maxThreads); ++t) {
      const Position& p = positions[t];
      const Snapshot s{p.words, p.pairs, p.loss};
      publish(published[t], s);
      lastPerThread[t] = s;
      total.words += s.words;
      total.pairs += s.pairs;
      total.loss += s.loss;
    }
    globalWords.store(total.words);
    lastTotal = total;
    resumedWords = total.words;
    lossLog = previousLossLog;
  }

  // ---- what a thread reads in an epoch -----------------------------------------------------------

  // One stretch of the corpus a thread reads start to end: part `part` of `parts` of a file.
  struct Unit {
    int file = 0, part = 0, parts = 1;
  };
  std::vector<int64_t> fileBytes;  // of each corpus file; -1: compressed (read in order only)

  bool chunked() const { return opt.chunkBytes > 0; }

  // In order: the thread's part of every file, file after file. In chunks: its part of each plain
  // file cut into chunks of about chunkBytes, all visited in an order drawn anew every epoch from
  // (seed, epoch, thread), so that a corpus whose topics change along the file reaches every
  // thread mixed. (The chunks of a part are the parts tid*C .. tid*C+C-1 of team*C: together
  // exactly the thread's part.)
  std::vector<Unit> unitsOf(int tid, int team, int epoch) const {
    std::vector<Unit> units;
    for (int f = 0; f < static_cast<int>(opt.corpusFiles.size()); ++f) {
      if (!chunked() || fileBytes[f] < 0) {
        units.push_back({f, tid, team});
        continue;
      }
      const int64_t perThread = fileBytes[f] / team;
      const int64_t c = std::clamp<int64_t>((perThread + opt.chunkBytes - 1) / opt.chunkBytes, 1, 1 << 20);
      for (int64_t k = 0; k < c; ++k)
        units.push_back({f, static_cast<int>(tid * c + k), static_cast<int>(team * c)});
    }
    if (chunked()) {
      w2v::Rng rng(opt.seed ^ 0xc4a2c5f1e3b7d901ULL, (static_cast<uint64_t>(epoch) << 16) + static_cast<uint64_t>(tid));
      for (size_t i = units.size(); i > 1; --i) std::swap(units[i - 1], units[rng.below(static_cast<uint32_t>(i))]);
    }
    return units;
  }

  // ---- one thread ------------------------------------------------------------------------------

  struct ThreadState {
    int tid = 0;
    w2v::Rng rng;
    Snapshot local;              // cumulative, published every kSyncWords words
    int64_t sinceSync = 0;
    float lr = 0;
    AlignedMatrix scratch;       // dIn (2*window, stride) | h | neu1e
    std::vector<float> g;        // (2*window, maxTargets)
    std::vector<float*> inRows, outRows;
    std::vector<float> labels;
    Position at;                 // where the thread stands (kept up to date before each sync)
    ThreadState(int t, uint64_t seed) : tid(t), rng(seed, static_cast<uint64_t>(t)) {}
  };

  // Picks the targets of `word` into rows/labels: NS the word itself and fresh noise words (a
  // noise word equal to the target is skipped, as in word2vec.c); HS the inner nodes of its
  // Huffman path. Returns their number.
  int pickTargets(ThreadState& ts, int64_t word, float** rows, float* labels) {
    if (hs) {
      const int len = tree.codeLength(word);
      const uint8_t* codes = tree.codes(word);
      const int32_t* points = tree.points(word);
      for (int j = 0; j < len; ++j) {
        rows[j] = syn1.row(points[j]);
        labels[j] = 1.0f - static_cast<float>(codes[j]);
      }
      return len;
    }
    int k = 0;
    rows[k] = syn1.row(word);
    labels[k++] = 1.0f;
    for (int d = 0; d < opt.negative; ++d) {
      const int64_t t = noise.sample(ts.rng.next());
      if (t == word) continue;
      rows[k] = syn1.row(t);
      labels[k++] = 0.0f;
    }
    return k;
  }

  void prefetchRow(const float* row) const {
    for (int c = 0; c < chunks; ++c) __builtin_prefetch(row + c * w2v::kLanes, 1, 3);
  }

  void trainSentence(ThreadState& ts, const std::vector<int32_t>& sentence) {
    const w2v::SigmoidTable& table = w2v::SigmoidTable::instance();
    const int n = static_cast<int>(sentence.size());
    float* dIn = ts.scratch.row(0);
    float* h = ts.scratch.row(2 * opt.window);
    float* neu1e = ts.scratch.row(2 * opt.window + 1);
    const float lr = ts.lr;
    // Targets are picked one centre word ahead and their rows prefetched, so that the random
    // rows of the noise words arrive from memory while the current word is computed.
    float** cur = ts.outRows.data();
    float** next = cur + maxTargets;
    float* curLabels = ts.labels.data();
    float* nextLabels = curLabels + maxTargets;
    const bool lookAhead = minibatch || !skipGram || hs;  // per-pair NS draws per pair instead
    int curK = lookAhead && n > 0 ? pickTargets(ts, sentence[0], cur, curLabels) : 0;
    for (int i = 0; i < n; ++i) {
      const int64_t word = sentence[i];
      int nextK = 0;
      if (lookAhead && i + 1 < n) {
        nextK = pickTargets(ts, sentence[i + 1], next, nextLabels);
        for (int j = 0; j < nextK; ++j) prefetchRow(next[j]);
      }
      if (i + opt.window + 1 < n) prefetchRow(syn0.row(sentence[i + opt.window + 1]));
      // Dynamic window: the effective half-width is drawn from 1..window per centre word.
      const int reduced = opt.window - static_cast<int>(ts.rng.below(static_cast<uint32_t>(opt.window)));
      const int lo = std::max(0, i - reduced), hi = std::min(n - 1, i + reduced);
      int m = 0;
      for (int j = lo; j <= hi; ++j)
        if (j != i) ts.inRows[m++] = syn0.row(sentence[j]);
      if (m > 0) {
        if (!skipGram) {
          ts.local.loss += w2v::cbowStep(ts.inRows.data(), m, cur, curLabels, curK, chunks, lr, table, h, neu1e,
                                         ts.g.data(), minibatch);
          ts.local.pairs += 1;
        } else if (minibatch) {
          ts.local.loss += w2v::minibatchStep(ts.inRows.data(), m, cur, curLabels, curK, chunks, lr, table, dIn,
                                              ts.g.data());
          ts.local.pairs += m;
        } else {
          // word2vec.c: every (context, centre) pair draws its own noise words.
          for (int c = 0; c < m; ++c) {
            if (!hs) curK = pickTargets(ts, word, cur, curLabels);
            ts.local.loss += w2v::pairStep(ts.inRows[c], cur, curLabels, curK, chunks, lr, table, neu1e);
          }
          ts.local.pairs += m;
        }
      }
      std::swap(cur, next);
      std::swap(curLabels, nextLabels);
      curK = nextK;
    }
  }

  // Publishes, polls stop/pause, updates the learning rate, and (thread 0) reports when due.
  // False: leave now.
  bool sync(ThreadState& ts) {
    publish(published[ts.tid], ts.local);
    const int64_t global = globalWords.fetch_add(ts.sinceSync, std::memory_order_relaxed) + ts.sinceSync;
    ts.sinceSync = 0;
    record(ts);
    if (!std::isfinite(ts.local.loss)) {
      fail("word2vec: the loss became non-finite at step " + std::to_string(global) + " of " +
           std::to_string(totalWords) + " (words); the learning rate " + std::to_string(startLr) +
           " is probably too high");
      return false;
    }
    if (writeCheckpoint) {
      checkpoints.requestIfDueByWords(global);
      if (ts.tid == 0) checkpoints.requestIfDueByTime();
      if (checkpoints.requested()) checkpointBarrier(ts.tid == 0, 1);
    }
    if (abort.load(std::memory_order_relaxed) || token.stopRequested()) return false;
    if (token.paused()) {
      const auto waited = token.waitIfPaused();
      if (ts.tid == 0) paused += waited;
      if (token.stopRequested()) return false;
    }
    ts.lr = lrAt(global);
    if (ts.tid == 0) maybeReport();
    return true;
  }

  void record(const ThreadState& ts) {
    Position p = ts.at;
    p.rng = ts.rng.state();
    p.words = ts.local.words;
    p.pairs = ts.local.pairs;
    p.loss = ts.local.loss;
    checkpoints.record(ts.tid, p);
  }

  // A thread at a sync point while a checkpoint is requested. Others park until it is written;
  // thread 0 (`writer`) waits until every other thread is parked or finished (`selfRunning`: 1
  // from its training loop, 0 once it only coordinates), writes, and releases them.
  void checkpointBarrier(bool writer, int selfRunning) {
    if (!writer) {
      checkpoints.park();
      return;
    }
    const int team = teamSize.load(std::memory_order_relaxed);
    checkpoints.writeWhenStill(team - selfRunning, finishedThreads, globalWords, [&] {
      if (abort.load(std::memory_order_relaxed)) return;
      try {
        if (writeCheckpoint())
          ++checkpointsWritten;
        else
          fail("word2vec: the vectors became non-finite at step " + std::to_string(globalWords.load()) +
               "; the learning rate " + std::to_string(startLr) + " is probably too high");
      } catch (const std::exception& e) {
        fail(e.what());
      }
    });
  }

  void trainThread(int tid, int parts) {
    ThreadState ts(tid, opt.seed);
    ts.lr = startLr;
    Position start;
    if (resumeFrom) {
      if (static_cast<int>(resumeFrom->size()) != parts)
        throw Error("word2vec: the checkpoint was made with " + std::to_string(resumeFrom->size()) +
                    " threads, this run has " + std::to_string(parts));
      start = (*resumeFrom)[tid];
      ts.rng.setState(start.rng);
      ts.local = Snapshot{start.words, start.pairs, start.loss};
      ts.lr = lrAt(globalWords.load(std::memory_order_relaxed));
    }
    ts.at = start;
    record(ts);
    if (start.done) return;
    ts.scratch = AlignedMatrix(2 * opt.window + 2, stride);
    ts.g.assign(static_cast<size_t>(2 * opt.window) * maxTargets, 0.0f);
    ts.inRows.assign(2 * opt.window, nullptr);
    ts.outRows.assign(2 * maxTargets, nullptr);  // current and next centre word
    ts.labels.assign(2 * maxTargets, 0.0f);

    Tokenizer::Options tokOptions;
    tokOptions.preTokenized = opt.preTokenized;
    const Tokenizer tokenizer(tokOptions);
    std::vector<std::unique_ptr<CorpusReader>> readers(opt.corpusFiles.size());  // in order: one per file
    std::unique_ptr<CorpusReader> chunkReader;                                   // in chunks: the current one

    std::string line, tokenBuffer;
    std::vector<std::string_view> tokens;
    std::vector<int32_t> sentence;
    sentence.reserve(opt.maxSentenceLength);
    const float* keepP = keep.empty() ? nullptr : keep.data();
    const size_t maxLen = static_cast<size_t>(opt.maxSentenceLength);

    for (int epoch = start.epoch; epoch < opt.epochs; ++epoch) {
      const std::vector<Unit> units = unitsOf(tid, parts, epoch);
      if (epoch == start.epoch && start.file >= static_cast<int>(units.size()))
        throw Error("word2vec: the checkpoint's position does not fit this corpus (the corpus changed?)");
      for (int f = epoch == start.epoch ? start.file : 0; f < static_cast<int>(units.size()); ++f) {
        const Unit& unit = units[f];
        // In order, each file's reader is opened once and rewound every epoch; in chunks, a reader
        // is opened on each chunk (a byte range cut at line starts: a seek, no scan).
        CorpusReader::Options ro;
        ro.part = unit.part;
        ro.parts = unit.parts;
        CorpusReader* open = nullptr;
        if (chunked()) {
          chunkReader = std::make_unique<CorpusReader>(opt.corpusFiles[unit.file], ro);
          open = chunkReader.get();
        } else {
          std::unique_ptr<CorpusReader>& r = readers[unit.file];
          if (r)
            r->rewind();
          else
            r = std::make_unique<CorpusReader>(opt.corpusFiles[unit.file], ro);
          open = r.get();
        }
        CorpusReader& reader = *open;
        int64_t lineNo = 0;      // lines of this file (part) done in this epoch
        size_t firstToken = 0;   // of the next line
        if (resumeFrom && epoch == start.epoch && f == start.file) {
          // Back to where the checkpoint stood: the same lines are skipped, and the same tokens of
          // the line it stopped in, without drawing from the generator or counting them again.
          for (; lineNo < start.lines; ++lineNo)
            if (!reader.nextLine(line))
              throw Error(reader.path() + ": shorter than when the checkpoint was made (the corpus changed?)");
          firstToken = static_cast<size_t>(start.token);
        }
        while (reader.nextLine(line)) {
          tokenizer.tokenize(line, tokenBuffer, tokens);
          if (firstToken > tokens.size())
            throw Error(reader.path() + ": line " + std::to_string(lineNo + 1) +
                        " of this part differs from when the checkpoint was made (the corpus changed?)");
          for (size_t j = firstToken; j < tokens.size(); ++j) {
            const std::string_view tok = tokens[j];
            const int64_t id = index->id(tok);
            if (id < 0) continue;
            ++ts.local.words;
            ++ts.sinceSync;
            // word2vec.c's subsampling: frequent words are dropped with probability 1 - keep.
            if (keepP && keepP[id] < ts.rng.uniform()) continue;
            sentence.push_back(static_cast<int32_t>(id));
            if (sentence.size() == maxLen) {
              trainSentence(ts, sentence);
              sentence.clear();
              if (ts.sinceSync >= kSyncWords) {
                ts.at = Position{epoch, f, lineNo, static_cast<int64_t>(j + 1)};
                if (!sync(ts)) return;
              }
            }
          }
          firstToken = 0;
          ++lineNo;
          if (!sentence.empty()) {
            trainSentence(ts, sentence);
            sentence.clear();
          }
          if (ts.sinceSync >= kSyncWords) {
            ts.at = Position{epoch, f, lineNo, 0};
            if (!sync(ts)) return;
          }
        }
      }
    }
    ts.at = Position{opt.epochs, 0, 0, 0};
    ts.at.done = true;
    sync(ts);
  }

  // ---- reporting ------------------------------------------------------------------------------

  void maybeReport() {
    const Clock::time_point now = Clock::now();
    if (secondsBetween(lastReport, now) >= opt.reportIntervalSeconds) report(now);
  }

  // One progress event for the window since the previous one: loss = mean per example over the
  // pairs all threads finished in the window, rate = words of all threads per second.
  void report(Clock::time_point now) {
    Snapshot total;
    int active = 0;
    for (int t = 0; t < maxThreads; ++t) {
      const Snapshot s = read(published[t]);
      if (s.pairs > lastPerThread[t].pairs) ++active;
      lastPerThread[t] = s;
      total.words += s.words;
      total.pairs += s.pairs;
      total.loss += s.loss;
    }
    const int64_t dWords = total.words - lastTotal.words;
    const int64_t dPairs = total.pairs - lastTotal.pairs;
    const double dLoss = total.loss - lastTotal.loss;
    const double elapsed = trainingElapsed(now);
    const double dt = elapsed - lastReportElapsed;
    if (dPairs > 0) {
      lastWindowLoss = dLoss / static_cast<double>(dPairs);
      haveWindowLoss = true;
    }
    Progress p;
    p.step = total.words;
    p.total = totalWords;
    p.loss = lastWindowLoss;
    p.lr = lrAt(total.words);
    // Throughput over the window; time left at the pace of the whole run (since a resume).
    const Pace window{static_cast<double>(dWords), static_cast<double>(dWords), dt};
    const double done = static_cast<double>(total.words - resumedWords);
    p.itemsPerSec = window.itemsPerSec();
    p.etaSeconds = Pace{done, done, elapsed}.etaSeconds(static_cast<double>(totalWords - total.words));
    p.elapsedSeconds = secondsBetween(jobStart, now - paused);
    p.phase = "training";
    p.extras = {{"window_pairs", static_cast<double>(dPairs)},
                {"active_threads", static_cast<double>(active)},
                {"total_pairs", static_cast<double>(total.pairs)},
                {"total_loss", total.loss}};
    lastTotal = total;
    lastReport = now;
    lastReportElapsed = elapsed;
    if (!opt.lossLogPath.empty() && dPairs > 0) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "%lld,%.9g,%.9g,%.6g\n", static_cast<long long>(total.words), p.loss, p.lr,
                    p.itemsPerSec);
      lossLog += buf;
    }
    if (sink) sink(p);
  }

  // What all threads have published (after the join: everything they did).
  Snapshot totals() const {
    Snapshot total;
    for (int t = 0; t < maxThreads; ++t) {
      const Snapshot s = read(published[t]);
      total.words += s.words;
      total.pairs += s.pairs;
      total.loss += s.loss;
    }
    return total;
  }

  // Thread 0, once its own part is done: keeps reporting (and relaying pause time) until the
  // other threads finish, so reports stay per window even when the parts end unevenly.
  void coordinateUntilDone() {
    while (finishedThreads.load(std::memory_order_acquire) < teamSize.load(std::memory_order_relaxed)) {
      if (token.paused()) paused += token.waitIfPaused();
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      maybeReport();
      if (writeCheckpoint) {
        checkpoints.requestIfDueByTime();
        if (checkpoints.requested()) checkpointBarrier(true, 0);
      }
    }
  }

  // Runs the team; returns normally also on stop/failure (see abort/failMessage/token).
  void train() {
    trainStart = lastReport = Clock::now();
    checkpoints.start(globalWords.load(), trainStart);
#pragma omp parallel num_threads(maxThreads)
    {
      const int tid = omp_get_thread_num();
      const int team = omp_get_num_threads();  // may be fewer than asked (nested regions)
      if (tid == 0) teamSize.store(team, std::memory_order_relaxed);
#pragma omp barrier
      try {
        trainThread(tid, team);
      } catch (const std::exception& e) {
        fail(e.what());
      }
      finishedThreads.fetch_add(1, std::memory_order_acq_rel);
      if (tid == 0) {
        try {
          coordinateUntilDone();
        } catch (const std::exception& e) {
          fail(e.what());
          while (finishedThreads.load() < team) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
      }
    }
  }
};

}  // namespace

// ------------------------------------------------------------------------------------------------

JobResult Word2VecJob::run(const ProgressSink& sink, StopToken& token) {
  const Clock::time_point start = Clock::now();
  summary_ = Word2VecSummary{};
  auto emit = [&](Progress p) {
    p.elapsedSeconds = secondsBetween(start, Clock::now());
    if (sink) sink(p);
  };
  const JobResult outcome = runGuarded([&](JobResult& result) {
    options_.validate();
    const std::string& ckptPath = options_.checkpointPath;
    const bool checkpointing = !ckptPath.empty();

    for (const std::string& file : options_.corpusFiles) {
      std::error_code ec;
      if (!std::filesystem::exists(file, ec)) throw Error(file + ": no such file");
    }
    std::vector<Word2VecCheckpoint::CorpusStamp> stamps;
    if (checkpointing)
      for (const std::string& file : options_.corpusFiles) stamps.push_back(Word2VecCheckpoint::stamp(file));
    const int threads = options_.threads > 0 ? options_.threads : omp_get_max_threads();
    const w2v::RunSettings settings = w2v::runSettings(options_, threads);

    // ---- the checkpoint to continue from, if any: checked before anything is trusted ----
    std::unique_ptr<Word2VecCheckpoint::Reader> ckpt;
    bool stampsMatch = true;
    if (checkpointing && options_.resume) {
      std::error_code ec;
      if (std::filesystem::exists(ckptPath, ec)) {
        Progress p;
        p.phase = "resuming";
        emit(p);
        ckpt = std::make_unique<Word2VecCheckpoint::Reader>(ckptPath);
        stampsMatch = w2v::checkResumable(ckpt->state(), settings, options_.dim, stamps, ckptPath);
      }
    }

    // ---- vocabulary ----
    Vocabulary::BuildStats stats;
    if (!ckpt || !stampsMatch) {
      Tokenizer::Options tokOptions;
      tokOptions.preTokenized = options_.preTokenized;
      Vocabulary::Options vocabOptions;
      vocabOptions.minCount = options_.minCount;
      vocabOptions.maxVocab = options_.maxVocab;
      {
        Progress p;
        p.phase = "vocabulary";
        p.total = 1000;
        emit(p);
      }
      impl_->vocab = Vocabulary::build(
          options_.corpusFiles, Tokenizer(tokOptions), vocabOptions, &stats,
          [&](double fraction) {
            Progress p;
            p.phase = "vocabulary";
            p.total = 1000;
            p.step = static_cast<int64_t>(std::clamp(fraction, 0.0, 1.0) * 1000);
            emit(p);
          },
          &token);
      if (token.stopRequested()) {
        result.status = JobStatus::Stopped;
        result.message = "stopped while counting the vocabulary";
        return;
      }
      const std::string files = joinFiles(options_.corpusFiles);
      if (stats.tokens == 0) throw Error(files + ": the corpus is empty (no words)");
      if (impl_->vocab.size() == 0)
        throw Error(files + ": no word occurs at least " + std::to_string(options_.minCount) + " times (min-count); " +
                    std::to_string(stats.tokens) + " tokens, " + std::to_string(stats.distinctWords) +
                    " distinct words");
      // A corpus touched since the checkpoint (same size, another time) is the same corpus when
      // it still counts to the same vocabulary.
      if (ckpt && (impl_->vocab.words() != ckpt->state().words || impl_->vocab.counts() != ckpt->state().counts))
        throw Error(ckptPath + ": the corpus " + joinFiles(options_.corpusFiles) +
                    " has changed since the checkpoint was made (its vocabulary differs); start fresh");
    } else {
      impl_->vocab = w2v::vocabularyOf(ckpt->state(), ckptPath);
    }
    impl_->haveVocab = true;
    summary_.vocabSize = impl_->vocab.size();

    // ---- training ----
    Trainer trainer(options_, impl_->vocab, sink, token, start);
    trainer.setUp(/*initialise=*/!ckpt);
    auto matrix = [](const AlignedMatrix& m) { return Word2VecCheckpoint::Matrix{m.data, m.rows, m.stride}; };
    std::vector<Word2VecCheckpoint::ThreadPosition> positions;
    if (ckpt) {
      if (ckpt->outputRows() != trainer.syn1.rows)
        throw Error(ckptPath + ": the checkpoint's output matrix has " + std::to_string(ckpt->outputRows()) +
                    " rows, this run needs " + std::to_string(trainer.syn1.rows));
      ckpt->readMatrices(matrix(trainer.syn0), matrix(trainer.syn1));
      positions = ckpt->state().threads;
      trainer.restore(positions, ckpt->state().lossLog);
      summary_.resumedWords = trainer.resumedWords;
      ckpt.reset();  // the file may be replaced from now on
    }
    if (checkpointing) {
      trainer.writeCheckpoint = [&]() {
        Word2VecCheckpoint::State st;
        st.settings = {settings.begin(), settings.end()};
        st.corpus = stamps;
        st.threads = trainer.checkpoints.positions(std::max(1, trainer.teamSize.load()));
        st.dim = options_.dim;
        st.words = impl_->vocab.words();
        st.counts = impl_->vocab.counts();
        st.lossLog = trainer.lossLog;
        return Word2VecCheckpoint::write(ckptPath, st, matrix(trainer.syn0), matrix(trainer.syn1));
      };
    }
    const Clock::time_point trainStart = Clock::now();
    trainer.train();
    const Clock::time_point trainEnd = Clock::now();
    if (trainer.failMessage.empty() && !token.stopRequested()) trainer.report(trainEnd);  // the last window

    summary_.trainWords = trainer.totals().words;
    summary_.trainSeconds = secondsBetween(trainStart, trainEnd - trainer.paused);
    summary_.wordsPerSec =
        summary_.trainSeconds > 0 ? (summary_.trainWords - summary_.resumedWords) / summary_.trainSeconds : 0;
    summary_.finalLoss = trainer.lastWindowLoss;

    // The vectors learned so far are kept also after a stop (the explorer may look at them).
    auto set = std::make_shared<EmbeddingSet>(impl_->vocab.words(), options_.dim);
    for (int64_t r = 0; r < impl_->vocab.size(); ++r)
      std::memcpy(set->row(r), trainer.syn0.row(r), sizeof(float) * options_.dim);
    set->counts() = impl_->vocab.counts();
    {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      impl_->embeddings = set;
    }
    if (!options_.lossLogPath.empty()) {
      writeFileAtomically(options_.lossLogPath, "words,loss,lr,words_per_sec\n" + trainer.lossLog);
      result.outputFiles.push_back(options_.lossLogPath);
    }

    if (!trainer.failMessage.empty()) {
      // A diverged model is never checkpointed: the last good checkpoint stays as it was.
      result.status = JobStatus::Failed;
      result.message = trainer.failMessage;
      std::error_code ec;
      if (checkpointing && std::filesystem::exists(ckptPath, ec))
        result.message += " (the last good checkpoint " + ckptPath + " is kept)";
    } else if (token.stopRequested()) {
      result.status = JobStatus::Stopped;
      result.message = "stopped after " + std::to_string(summary_.trainWords) + " of " +
                       std::to_string(trainer.totalWords) + " words";
      if (checkpointing) {
        Progress p;
        p.phase = "saving checkpoint";
        p.step = summary_.trainWords;
        p.total = trainer.totalWords;
        emit(p);
        if (!trainer.writeCheckpoint()) {
          result.status = JobStatus::Failed;
          result.message = "word2vec: the vectors are non-finite; the learning rate " +
                           std::to_string(trainer.startLr) + " is probably too high";
          std::error_code ec;
          if (std::filesystem::exists(ckptPath, ec))
            result.message += " (the last good checkpoint " + ckptPath + " is kept)";
        } else {
          ++trainer.checkpointsWritten;
          result.message += "; " + ckptPath + " keeps the run for a resume";
          result.outputFiles.push_back(ckptPath);
        }
      }
    } else {
      if (!options_.outputPath.empty()) {
        Progress p;
        p.phase = "saving";
        p.step = p.total = trainer.totalWords;
        p.loss = summary_.finalLoss;
        emit(p);
        saveWordVectors(*set, options_.outputPath);
        result.outputFiles.push_back(options_.outputPath);
      }
      // Finished: the checkpoint has served its purpose (and may be as large as the model).
      if (checkpointing) {
        std::error_code ec;
        std::filesystem::remove(ckptPath, ec);
      }
    }
    summary_.checkpointsWritten = trainer.checkpointsWritten;
  });
  summary_.seconds = secondsBetween(start, Clock::now());
  return outcome;
}

}  // namespace embedlab
