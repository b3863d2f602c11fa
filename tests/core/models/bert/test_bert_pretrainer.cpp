// BERT pre-training as a TrainingJob, with a tiny model on a generated corpus with planted
// structure (each document draws its words from one of ten topics of four words, so the context
// tells which four a masked word is among): the MLM loss falls well below the uniform guess log(V)
// and below what word frequencies alone give; the run is deterministic with one thread; it stops
// within ~100 ms and resumes to the same bits; a non-finite loss fails naming the step; the output
// directory loads back as a checkpoint.
// (A structure that needs positional attention, e.g. words in fixed pairs, takes a tiny BERT many
// hundreds of steps to leave the unigram plateau, in PyTorch as here: too slow for a unit test.)
#include <QtTest/QtTest>

#include <QTemporaryDir>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/embeddings/EmbeddingSet.h"
#include "core/models/bert/BertCheckpoint.h"
#include "core/models/bert/BertPretrainer.h"

using namespace embedlab;

namespace {

constexpr int kTopics = 10, kTopicWords = 4;

// Pseudo-words of three syllables.
std::string word(int i) {
  static const char* syllables[] = {"ka", "lo", "mi", "tu", "re", "so", "ne", "pa", "di", "vo"};
  std::string w(syllables[i % 10]);
  w += syllables[(i / 10 + 3 * i) % 10];
  w += syllables[(i * 7 + 1) % 10];
  return w;
}

// Documents of three lines of 7..9 words, all from one topic; a blank line between documents.
std::string writeCorpus(const QTemporaryDir& dir, int documents = 200) {
  const std::string path = dir.filePath("corpus.txt").toStdString();
  std::ofstream out(path);
  uint32_t x = 2024;
  auto next = [&] {
    x = x * 1664525u + 1013904223u;
    return x >> 8;
  };
  for (int d = 0; d < documents; ++d) {
    const int topic = static_cast<int>(next() % kTopics);
    for (int l = 0; l < 3; ++l) {
      const int n = 7 + static_cast<int>(next() % 3);
      for (int i = 0; i < n; ++i)
        out << (i ? " " : "") << word(kTopicWords * topic + static_cast<int>(next() % kTopicWords));
      out << "\n";
    }
    out << "\n";
  }
  return path;
}

BertPretrainerOptions tinyOptions(const std::string& corpus, const std::string& out) {
  BertPretrainerOptions o;
  o.corpusFiles = {corpus};
  o.outDir = out;
  o.vocabSize = 200;
  o.layers = 2;
  o.hidden = 32;
  o.heads = 2;
  o.intermediate = 64;
  o.maxLength = 32;
  o.dropout = 0.0;
  o.batch = 16;
  o.steps = 40;
  o.lr = 3e-3;
  o.warmup = 4;
  o.threads = 1;
  o.seed = 5;
  o.checkpointEvery = 0;
  o.reportIntervalSeconds = 0;
  return o;
}

std::vector<float> params(BertPretrainer& t) {
  const auto& p = t.model()->params();
  return {p.params(), p.params() + p.bufferSize()};
}

}  // namespace

class TestBertPretrainer : public QObject {
  Q_OBJECT

 private slots:
  void learnsPlantedStructure() {
    QTemporaryDir dir;
    BertPretrainerOptions o = tinyOptions(writeCorpus(dir), dir.filePath("out").toStdString());
    o.steps = 300;
    o.warmup = 30;
    BertPretrainer job(o);
    std::vector<Progress> events;
    StopToken token;
    const JobResult r = job.run([&](const Progress& p) { events.push_back(p); }, token);
    QVERIFY2(r.status == JobStatus::Finished, r.message.c_str());
    const auto& s = job.summary();
    // MLM loss and accuracy of the last 30 steps (one progress event per step here)
    double loss = 0, accuracy = 0;
    int n = 0;
    for (auto it = events.rbegin(); it != events.rend() && n < 30; ++it) {
      if (it->phase != "training") continue;
      for (const auto& x : it->extras) {
        if (x.first == "mlm_loss") loss += x.second;
        if (x.first == "mlm_accuracy") accuracy += x.second;
      }
      ++n;
    }
    loss /= n;
    accuracy /= n;
    const double uniform = std::log(double(s.vocabSize));
    const double unigram = std::log(double(kTopics * kTopicWords));  // words about equally frequent
    const double topical = std::log(double(kTopicWords));            // the best possible here
    qInfo("V %lld, %lld sequences, MLM loss of the last 30 steps %.3f (uniform %.3f, unigram %.3f, "
          "topic known %.3f), accuracy %.3f, %.0f tokens/s",
          static_cast<long long>(s.vocabSize), static_cast<long long>(s.examples), loss, uniform, unigram,
          topical, accuracy, s.tokensPerSec);
    QCOMPARE(s.steps, int64_t(300));
    QVERIFY(loss < 0.5 * uniform);
    QVERIFY(loss < 0.7 * unigram);  // context is used, not only frequencies
    QVERIFY(accuracy > 0.2);        // 8x the 1 in 40 of a frequency guess

    // progress: steps counted in steps, the extras, lr from the schedule
    int trainingEvents = 0;
    bool sawAccuracy = false, sawTokens = false;
    for (const auto& e : events) {
      if (e.phase != "training") continue;
      ++trainingEvents;
      QCOMPARE(e.total, int64_t(300));
      for (const auto& x : e.extras) {
        sawAccuracy |= x.first == "mlm_accuracy";
        sawTokens |= x.first == "tokens_per_sec" && x.second > 0;
      }
    }
    QCOMPARE(trainingEvents, 300);
    QVERIFY(sawAccuracy && sawTokens);
    QCOMPARE(events.back().phase, std::string("finished"));
    for (const auto& e : events)
      if (e.phase == "training" && e.step == 1) QCOMPARE(e.lr, 0.0);  // warm-up starts at 0

    // the Hugging Face directory loads back with the same parameters
    for (const char* f : {"config.json", "model.safetensors", "vocab.txt"})
      QVERIFY2(std::filesystem::exists(o.outDir + "/" + f), f);
    BertCheckpoint loaded = BertCheckpoint::load(o.outDir);
    const auto& a = job.model()->params();
    const auto& b = loaded.model().params();
    for (const auto& v : a.views()) {
      QVERIFY2(b.contains(v.name), v.name.c_str());
      const float* x = a.params() + v.offset;
      const float* y = b.data(v.name);
      QVERIFY2(std::equal(x, x + v.size, y), v.name.c_str());
    }
    auto emb = job.embeddings();
    QVERIFY(emb && emb->rows() >= kTopics * kTopicWords && emb->dim() == 32);
    QVERIFY(emb->find(word(0)) >= 0);
  }

  void nspTrainsToo() {
    QTemporaryDir dir;
    BertPretrainerOptions o = tinyOptions(writeCorpus(dir), dir.filePath("nsp").toStdString());
    o.nsp = true;
    o.steps = 20;
    BertPretrainer job(o);
    StopToken token;
    bool sawNsp = false;
    const JobResult r = job.run(
        [&](const Progress& p) {
          for (const auto& x : p.extras) sawNsp |= x.first == "nsp_accuracy";
        },
        token);
    QVERIFY2(r.status == JobStatus::Finished, r.message.c_str());
    QVERIFY(sawNsp);
    QVERIFY(job.summary().finalNspAccuracy > 0);
    QVERIFY(job.model()->params().contains("cls.seq_relationship.weight"));
  }

  void deterministicAndPassesAddUp() {
    QTemporaryDir dir;
    const std::string corpus = writeCorpus(dir, 70);
    BertPretrainerOptions o = tinyOptions(corpus, dir.filePath("a").toStdString());
    o.steps = 6;
    StopToken token;
    BertPretrainer a(o);
    QVERIFY(a.run({}, token).status == JobStatus::Finished);
    o.outDir = dir.filePath("b").toStdString();
    BertPretrainer b(o);
    QVERIFY(b.run({}, token).status == JobStatus::Finished);
    QVERIFY(params(a) == params(b));

    // the same steps in passes of 3 sequences: the same gradients up to rounding
    o.outDir = dir.filePath("c").toStdString();
    o.passSequences = 3;
    BertPretrainer c(o);
    QVERIFY(c.run({}, token).status == JobStatus::Finished);
    const auto pa = params(a), pc = params(c);
    double d2 = 0, n2 = 0;
    for (size_t i = 0; i < pa.size(); ++i) {
      d2 += double(pa[i] - pc[i]) * (pa[i] - pc[i]);
      n2 += double(pa[i]) * pa[i];
    }
    qInfo("passes of 3 vs whole batches: relative difference %.2e", std::sqrt(d2 / n2));
    QVERIFY(std::sqrt(d2 / n2) < 1e-4);
  }

  void stopsQuicklyAndResumesBitIdentical() {
    QTemporaryDir dir;
    const std::string corpus = writeCorpus(dir, 100);
    BertPretrainerOptions o = tinyOptions(corpus, dir.filePath("full").toStdString());
    o.dropout = 0.1;  // dropout masks must resume too
    o.accumulation = 2;
    o.checkpointEvery = 7;
    BertPretrainer full(o);
    StopToken t0;
    QVERIFY(full.run({}, t0).status == JobStatus::Finished);

    o.outDir = dir.filePath("part").toStdString();
    StopToken token;
    std::chrono::steady_clock::time_point requested;
    BertPretrainer part(o);
    JobResult r = part.run(
        [&](const Progress& p) {
          if (p.phase == "training" && p.step == 11 && !token.stopRequested()) {
            token.requestStop();
            requested = std::chrono::steady_clock::now();
          }
        },
        token);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - requested).count();
    QVERIFY2(r.status == JobStatus::Stopped, r.message.c_str());
    // Logged, not asserted: on a shared machine wall time measures the neighbours (bench/ has the
    // numbers). What is asserted is what the stop must do: no step after it, a whole checkpoint.
    qInfo("stop honoured %.1f ms after the request (checkpoint save included)", ms);
    QCOMPARE(part.summary().steps, int64_t(11));
    QVERIFY(std::filesystem::exists(part.checkpointPath()));
    QVERIFY(!std::filesystem::exists(o.outDir + "/model.safetensors"));

    BertPretrainer resumed(o);
    StopToken t1;
    r = resumed.run({}, t1);
    QVERIFY2(r.status == JobStatus::Finished, r.message.c_str());
    QCOMPARE(resumed.summary().steps, full.summary().steps);
    QCOMPARE(resumed.summary().stepsThisRun, int64_t(29));
    QVERIFY(params(resumed) == params(full));

    // a checkpoint made with other options is refused, naming the option
    o.batch = 8;
    BertPretrainer other(o);
    r = other.run({}, t1);
    QVERIFY(r.status == JobStatus::Failed);
    QVERIFY2(r.message.find("batch") != std::string::npos, r.message.c_str());
  }

  void stopsDuringPreparation() {
    QTemporaryDir dir;
    BertPretrainerOptions o = tinyOptions(writeCorpus(dir), dir.filePath("s").toStdString());
    StopToken token;
    token.requestStop();
    BertPretrainer job(o);
    const JobResult r = job.run({}, token);
    QVERIFY2(r.status == JobStatus::Stopped, r.message.c_str());
  }

  void nonFiniteLossFailsNamingTheStep() {
    QTemporaryDir dir;
    BertPretrainerOptions o = tinyOptions(writeCorpus(dir, 70), dir.filePath("nan").toStdString());
    o.lr = 1e30;
    o.warmup = 0;
    o.checkpointEvery = 1;
    BertPretrainer job(o);
    StopToken token;
    const JobResult r = job.run({}, token);
    QVERIFY(r.status == JobStatus::Failed);
    QVERIFY2(r.message.find("non-finite") != std::string::npos, r.message.c_str());
    QVERIFY2(r.message.find("at step ") != std::string::npos, r.message.c_str());
    const int failedAt = std::stoi(r.message.substr(r.message.find("at step ") + 8));
    QVERIFY(failedAt >= 2);
    QVERIFY2(r.message.find("checkpoint of step " + std::to_string(failedAt - 1)) != std::string::npos,
             r.message.c_str());
    QVERIFY(!std::filesystem::exists(o.outDir + "/model.safetensors"));
  }

  void badInputFails() {
    QTemporaryDir dir;
    StopToken token;
    BertPretrainerOptions o = tinyOptions(dir.filePath("missing.txt").toStdString(), dir.filePath("x").toStdString());
    JobResult r = BertPretrainer(o).run({}, token);
    QVERIFY(r.status == JobStatus::Failed);
    QVERIFY2(r.message.find("missing.txt") != std::string::npos, r.message.c_str());
    o = tinyOptions(writeCorpus(dir, 20), dir.filePath("y").toStdString());
    o.heads = 3;
    r = BertPretrainer(o).run({}, token);
    QVERIFY(r.status == JobStatus::Failed);
    QVERIFY2(r.message.find("heads") != std::string::npos, r.message.c_str());
  }
};

QTEST_APPLESS_MAIN(TestBertPretrainer)
#include "test_bert_pretrainer.moc"
