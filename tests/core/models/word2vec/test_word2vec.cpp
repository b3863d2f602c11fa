// Word2VecJob end to end on tiny corpora generated here: planted structure recovered by every
// architecture/loss/kernel, determinism, stop latency, loss reports per window over all threads,
// and bad corpora.
#include <QtTest/QtTest>

#include <QTemporaryDir>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/embeddings/EmbeddingSet.h"
#include "core/models/word2vec/Word2Vec.h"
#include "core/text/Vocabulary.h"
#include "core/util/Error.h"
#include "support/SyntheticCorpus.h"

using namespace embedlab;
using Arch = Word2VecOptions::Arch;
using Loss = Word2VecOptions::Loss;
using Kernel = Word2VecOptions::Kernel;

namespace {

// Two topics of 12 words each, plus 4 function words shared by both (one word in four); lines
// of 6..11 words. Within-topic words share contexts and cross-topic words never co-occur.
std::string writeTopicCorpus(const QTemporaryDir& dir, int sentences, uint64_t seed, const char* name = "topics.txt") {
  return test::writeSyntheticCorpus(dir.filePath(name).toStdString(),
                                    {.sentences = sentences, .seed = seed, .minWords = 6, .maxWords = 11});
}

double cosine(const float* a, const float* b, int dim) {
  double ab = 0, aa = 0, bb = 0;
  for (int i = 0; i < dim; ++i) {
    ab += double(a[i]) * b[i];
    aa += double(a[i]) * a[i];
    bb += double(b[i]) * b[i];
  }
  return ab / std::sqrt(aa * bb + 1e-30);
}

// Fraction of topic words whose 5 nearest topic words (by cosine) are all from their own topic.
double topicPurity(const EmbeddingSet& set) {
  std::vector<int64_t> rows;
  for (int64_t r = 0; r < set.rows(); ++r)
    if (set.label(r).rfind("red", 0) == 0 || set.label(r).rfind("blue", 0) == 0) rows.push_back(r);
  int pure = 0;
  for (int64_t r : rows) {
    std::vector<std::pair<double, int64_t>> sims;
    for (int64_t o : rows)
      if (o != r) sims.push_back({cosine(set.row(r), set.row(o), set.dim()), o});
    std::sort(sims.rbegin(), sims.rend());
    bool ok = true;
    for (int i = 0; i < 5; ++i) ok = ok && set.label(sims[i].second)[0] == set.label(r)[0];
    pure += ok;
  }
  return rows.empty() ? 0.0 : double(pure) / double(rows.size());
}

Word2VecOptions smallOptions(const std::string& corpus) {
  Word2VecOptions o;
  o.corpusFiles = {corpus};
  o.dim = 24;
  o.window = 3;
  o.negative = 5;
  o.epochs = 5;
  o.minCount = 1;
  o.sample = 0;
  o.threads = 1;
  o.seed = 3;
  return o;
}

struct Collected {
  std::mutex mutex;
  std::vector<Progress> events;
  void add(const Progress& p) {
    std::lock_guard<std::mutex> lock(mutex);
    events.push_back(p);
  }
  std::vector<Progress> training() {
    std::lock_guard<std::mutex> lock(mutex);
    std::vector<Progress> out;
    for (const Progress& p : events)
      if (p.phase == "training") out.push_back(p);
    return out;
  }
};

double extra(const Progress& p, const std::string& name) {
  for (const auto& [key, value] : p.extras)
    if (key == name) return value;
  return std::nan("");
}

}  // namespace

class TestWord2Vec : public QObject {
  Q_OBJECT

 private slots:
  void recoversPlantedTopics_data() {
    QTest::addColumn<int>("arch");
    QTest::addColumn<int>("loss");
    QTest::addColumn<int>("kernel");
    for (int a : {0, 1})
      for (int l : {0, 1})
        for (int k : {1, 2}) {
          const std::string name = std::string(a ? "cbow" : "sg") + (l ? "/hs" : "/ns") + (k == 1 ? "/per-pair" : "/minibatch");
          QTest::newRow(name.c_str()) << a << l << k;
        }
  }
  void recoversPlantedTopics() {
    QFETCH(int, arch);
    QFETCH(int, loss);
    QFETCH(int, kernel);
    QTemporaryDir dir;
    Word2VecOptions o = smallOptions(writeTopicCorpus(dir, 3000, 1));
    o.arch = arch ? Arch::Cbow : Arch::SkipGram;
    o.loss = loss ? Loss::HierarchicalSoftmax : Loss::NegativeSampling;
    o.kernel = static_cast<Kernel>(kernel);
    Word2VecJob job(o);
    StopToken token;
    const JobResult result = job.run({}, token);
    QCOMPARE(int(result.status), int(JobStatus::Finished));
    QVERIFY(job.embeddings());
    QCOMPARE(job.embeddings()->rows(), int64_t(28));
    QCOMPARE(job.embeddings()->dim(), 24);
    const double purity = topicPurity(*job.embeddings());
    QVERIFY2(purity >= 0.9, qPrintable(QString("purity %1").arg(purity)));
    QVERIFY(job.summary().finalLoss > 0 && std::isfinite(job.summary().finalLoss));
    QCOMPARE(job.summary().trainWords, int64_t(o.epochs) * job.vocabulary()->totalCount());
  }

  void deterministicWithOneThread() {
    QTemporaryDir dir;
    const std::string corpus = writeTopicCorpus(dir, 2000, 2);
    for (Arch arch : {Arch::SkipGram, Arch::Cbow}) {
      Word2VecOptions o = smallOptions(corpus);
      o.arch = arch;
      o.sample = 1e-2;  // subsampling draws from the generator too
      std::vector<std::vector<float>> runs;
      for (uint64_t seed : {7, 7, 8}) {
        o.seed = seed;
        Word2VecJob job(o);
        StopToken token;
        QCOMPARE(int(job.run({}, token).status), int(JobStatus::Finished));
        const EmbeddingSet& set = *job.embeddings();
        runs.emplace_back(set.data(), set.data() + set.rows() * set.dim());
      }
      QCOMPARE(runs[0].size(), runs[1].size());
      QVERIFY(std::memcmp(runs[0].data(), runs[1].data(), runs[0].size() * sizeof(float)) == 0);
      QVERIFY(std::memcmp(runs[0].data(), runs[2].data(), runs[0].size() * sizeof(float)) != 0);
    }
  }

  void lossFalls() {
    QTemporaryDir dir;
    Word2VecOptions o = smallOptions(writeTopicCorpus(dir, 4000, 3));
    o.epochs = 8;
    o.reportIntervalSeconds = 1e-4;  // report at every publication
    Collected c;
    Word2VecJob job(o);
    StopToken token;
    QCOMPARE(int(job.run([&](const Progress& p) { c.add(p); }, token).status), int(JobStatus::Finished));
    const std::vector<Progress> t = c.training();
    QVERIFY(t.size() >= 10);
    // Mean of the first and last few windows: the loss per pair falls clearly.
    auto mean = [&](size_t from, size_t to) {
      double s = 0;
      for (size_t i = from; i < to; ++i) s += t[i].loss;
      return s / double(to - from);
    };
    const double first = mean(0, 3), last = mean(t.size() - 3, t.size());
    QVERIFY2(last < 0.85 * first, qPrintable(QString("first %1 last %2").arg(first).arg(last)));
    // Progress is consistent: steps grow to the planned total, lr decays from alpha.
    for (size_t i = 1; i < t.size(); ++i) {
      QVERIFY(t[i].step >= t[i - 1].step);
      QVERIFY(t[i].lr <= t[i - 1].lr);
      QCOMPARE(t[i].total, t[0].total);
    }
    QCOMPARE(t.back().step, t.back().total);
    QVERIFY(t.front().lr <= 0.025 && t.front().lr > 0.02);
  }

  // The rate falls linearly from alpha to alpha * minAlphaRatio over the planned words: every
  // report's lr is on that line, and the last one is at its end (default 0.1; word2vec.c's 1e-4).
  void learningRateFallsLinearlyToTheFinalRatio_data() {
    QTest::addColumn<double>("ratio");
    QTest::newRow("default 0.1") << -1.0;
    QTest::newRow("word2vec.c 1e-4") << 1e-4;
    QTest::newRow("constant") << 1.0;
    QTest::newRow("to zero") << 0.0;
  }
  void learningRateFallsLinearlyToTheFinalRatio() {
    QFETCH(double, ratio);
    QTemporaryDir dir;
    Word2VecOptions o = smallOptions(writeTopicCorpus(dir, 2000, 9));
    o.alpha = 0.04;
    if (ratio >= 0) o.minAlphaRatio = ratio;
    const double r = o.minAlphaRatio;
    QCOMPARE(r, ratio >= 0 ? ratio : 0.1);
    o.reportIntervalSeconds = 1e-4;
    Collected c;
    Word2VecJob job(o);
    StopToken token;
    QCOMPARE(int(job.run([&](const Progress& p) { c.add(p); }, token).status), int(JobStatus::Finished));
    const std::vector<Progress> t = c.training();
    QVERIFY(t.size() >= 5);
    for (const Progress& p : t) {
      const double left = 1.0 - double(p.step) / double(p.total + 1);
      const double expected = 0.04 * (r + (1 - r) * left);
      QVERIFY2(std::fabs(p.lr - expected) <= 1e-6 * 0.04,
               qPrintable(QString("step %1 of %2: lr %3, expected %4").arg(p.step).arg(p.total).arg(p.lr).arg(expected)));
    }
    QCOMPARE(t.back().step, t.back().total);
    QVERIFY(std::fabs(t.back().lr - 0.04 * r) <= 1e-6);
  }

  void finalRatioOutsideZeroToOneIsRefused() {
    QTemporaryDir dir;
    Word2VecOptions o = smallOptions(writeTopicCorpus(dir, 100, 9));
    for (double bad : {-0.1, 1.5, std::nan("")}) {
      o.minAlphaRatio = bad;
      try {
        o.validate();
        QFAIL(qPrintable(QString("ratio %1 accepted").arg(bad)));
      } catch (const UsageError& e) {
        QVERIFY2(std::string(e.what()).find("min-alpha-ratio") != std::string::npos, e.what());
      }
    }
  }

  // Windows partition the run: their pair counts and loss sums add up to the totals, every window
  // reports its own mean (not a running average), and with two threads both contribute.
  void lossReportsArePerWindowOverAllThreads() {
    QTemporaryDir dir;
    Word2VecOptions o = smallOptions(writeTopicCorpus(dir, 30000, 4));
    o.threads = 2;
    o.epochs = 3;
    o.reportIntervalSeconds = 0.002;
    Collected c;
    Word2VecJob job(o);
    StopToken token;
    QCOMPARE(int(job.run([&](const Progress& p) { c.add(p); }, token).status), int(JobStatus::Finished));
    const std::vector<Progress> t = c.training();
    QVERIFY(t.size() >= 3);
    double pairs = 0, lossSum = 0;
    int bothThreads = 0;
    for (const Progress& p : t) {
      pairs += extra(p, "window_pairs");
      if (extra(p, "window_pairs") > 0) lossSum += p.loss * extra(p, "window_pairs");
      bothThreads += extra(p, "active_threads") == 2;
    }
    const double totalPairs = extra(t.back(), "total_pairs"), totalLoss = extra(t.back(), "total_loss");
    QCOMPARE(pairs, totalPairs);
    QVERIFY(std::abs(lossSum - totalLoss) <= 1e-9 * totalLoss);
    QVERIFY2(bothThreads >= 1, "no window had pairs from both threads");
    // The last window's mean is the reported final loss, and differs from the lifetime mean.
    QCOMPARE(job.summary().finalLoss, t.back().loss);
    QVERIFY(std::abs(t.back().loss - totalLoss / totalPairs) > 1e-6);
    // Words of both threads add up to the planned work exactly once per epoch.
    QCOMPARE(t.back().step, int64_t(o.epochs) * job.vocabulary()->totalCount());
    QCOMPARE(job.summary().trainWords, t.back().step);
  }

  void stopIsHonouredWithin100ms() {
    QTemporaryDir dir;
    Word2VecOptions o = smallOptions(writeTopicCorpus(dir, 60000, 5));
    o.threads = 2;
    o.epochs = 1000;  // far more work than the test waits for
    o.dim = 100;
    std::atomic<bool> training{false};
    StopToken token;
    Word2VecJob job(o);
    JobResult result;
    std::atomic<bool> returned{false};
    std::chrono::steady_clock::time_point returnedAt;
    std::thread worker([&] {
      result = job.run([&](const Progress& p) { if (p.phase == "training") training = true; }, token);
      returnedAt = std::chrono::steady_clock::now();
      returned = true;
    });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!training && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    QVERIFY(training);
    QVERIFY(!returned);
    const auto stopAt = std::chrono::steady_clock::now();
    token.requestStop();
    worker.join();
    const double ms = std::chrono::duration<double, std::milli>(returnedAt - stopAt).count();
    QCOMPARE(int(result.status), int(JobStatus::Stopped));
    QVERIFY2(ms < 100, qPrintable(QString("run() returned %1 ms after the stop request").arg(ms)));
    QVERIFY(job.embeddings());  // the vectors learned so far
  }

  void pauseHoldsTraining() {
    QTemporaryDir dir;
    Word2VecOptions o = smallOptions(writeTopicCorpus(dir, 20000, 6));
    o.threads = 2;
    o.epochs = 1000;
    std::atomic<int64_t> step{0};
    StopToken token;
    Word2VecJob job(o);
    JobResult result;
    std::thread worker([&] { result = job.run([&](const Progress& p) { if (p.phase == "training") step = p.step; }, token); });
    while (step == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    token.setPaused(true);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const int64_t before = step;
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    QCOMPARE(int64_t(step), before);
    token.setPaused(false);
    while (step == before) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    token.requestStop();
    worker.join();
    QCOMPARE(int(result.status), int(JobStatus::Stopped));
  }

  void nonFiniteLossFails() {
    QTemporaryDir dir;
    Word2VecOptions o = smallOptions(writeTopicCorpus(dir, 2000, 7));
    o.alpha = 1e30;
    Word2VecJob job(o);
    StopToken token;
    const JobResult result = job.run({}, token);
    QCOMPARE(int(result.status), int(JobStatus::Failed));
    QVERIFY2(QString::fromStdString(result.message).contains("non-finite"), result.message.c_str());
    QVERIFY2(QString::fromStdString(result.message).contains("step"), result.message.c_str());
  }

  void badCorpusFailsNamingTheFile() {
    QTemporaryDir dir;
    const std::string missing = dir.filePath("missing.txt").toStdString();
    const std::string empty = dir.filePath("empty.txt").toStdString();
    const std::string rare = dir.filePath("rare.txt").toStdString();
    { std::ofstream(empty).flush(); }
    { std::ofstream(rare) << "one two three\nfour five\n"; }
    for (const std::string& file : {missing, empty, rare}) {
      Word2VecOptions o = smallOptions(file);
      o.minCount = 5;
      Word2VecJob job(o);
      StopToken token;
      const JobResult result = job.run({}, token);
      QCOMPARE(int(result.status), int(JobStatus::Failed));
      QVERIFY2(result.message.find(file) != std::string::npos, result.message.c_str());
      QVERIFY(!job.embeddings());
    }
  }

  void badOptionsAreUsageErrors() {
    Word2VecOptions o;
    QVERIFY_THROWS_EXCEPTION(UsageError, o.validate());  // no corpus
    o.corpusFiles = {"x.txt"};
    o.validate();
    o.dim = 0;
    QVERIFY_THROWS_EXCEPTION(UsageError, o.validate());
    o.dim = 100;
    o.negative = 0;
    QVERIFY_THROWS_EXCEPTION(UsageError, o.validate());  // NS without noise words
    o.loss = Loss::HierarchicalSoftmax;
    o.validate();
    // A failing validation is a Failed job with the reason, not an exception.
    o.window = 0;
    Word2VecJob job(o);
    StopToken token;
    const JobResult result = job.run({}, token);
    QCOMPARE(int(result.status), int(JobStatus::Failed));
    QVERIFY(result.message.find("window") != std::string::npos);
  }

  void lossLogIsWritten() {
    QTemporaryDir dir;
    Word2VecOptions o = smallOptions(writeTopicCorpus(dir, 2000, 8));
    o.lossLogPath = dir.filePath("loss.csv").toStdString();
    o.reportIntervalSeconds = 1e-4;
    Word2VecJob job(o);
    StopToken token;
    const JobResult result = job.run({}, token);
    QCOMPARE(int(result.status), int(JobStatus::Finished));
    QVERIFY(std::find(result.outputFiles.begin(), result.outputFiles.end(), o.lossLogPath) != result.outputFiles.end());
    std::ifstream in(o.lossLogPath);
    std::string header, line;
    std::getline(in, header);
    QCOMPARE(header, std::string("words,loss,lr,words_per_sec"));
    int rows = 0;
    while (std::getline(in, line)) ++rows;
    QVERIFY(rows >= 2);
  }
};

QTEST_APPLESS_MAIN(TestWord2Vec)
#include "test_word2vec.moc"
