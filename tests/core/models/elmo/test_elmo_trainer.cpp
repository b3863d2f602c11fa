// The ELMo trainer as a TrainingJob on a small generated corpus: it finishes with a falling loss
// and a held-out perplexity, is deterministic with one thread and a seed, stops quickly, fails
// naming the step on a non-finite loss, and resumes from its checkpoint to the same parameters
// as an uninterrupted run.
#include <QtTest/QtTest>

#include <QTemporaryDir>
#include <chrono>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "core/io/Safetensors.h"
#include "core/models/elmo/ElmoTrainer.h"

using namespace embedlab;
using namespace embedlab::elmo;

namespace {

std::string writeCorpus(const QTemporaryDir& dir) {
  const std::string path = dir.filePath("corpus.txt").toStdString();
  std::ofstream out(path);
  const char* subjects[] = {"the cat", "a dog", "the bird", "my friend"};
  const char* verbs[] = {"sat on", "looked at", "ran to", "slept near"};
  const char* objects[] = {"the mat", "a tree", "the house", "the river"};
  for (int i = 0; i < 400; ++i)
    out << subjects[i % 4] << " " << verbs[(i / 4) % 4] << " " << objects[(i / 16) % 4] << " .\n";
  return path;
}

ElmoTrainerOptions tinyOptions(const std::string& corpus, const std::string& out) {
  ElmoTrainerOptions o;
  o.corpusFiles = {corpus};
  o.outDir = out;
  o.model.charEmbed = 8;
  o.model.maxChars = 16;
  o.model.filters = {{1, 8}, {2, 8}, {3, 16}};
  o.model.projection = 16;
  o.model.lstmHidden = 32;
  o.seqLen = 10;
  o.batch = 8;
  o.epochs = 2;
  o.lr = 5e-3f;
  o.threads = 1;
  o.seed = 3;
  o.checkpointEvery = 0;
  return o;
}

std::vector<float> modelParams(ElmoTrainer& t) {
  auto& p = t.model()->params();
  return {p.params(), p.params() + p.bufferSize()};
}

}  // namespace

class TestElmoTrainer : public QObject {
  Q_OBJECT

 private slots:
  void trainsDeterministically() {
    QTemporaryDir dir;
    const std::string corpus = writeCorpus(dir);
    std::vector<Progress> events;
    ElmoTrainer a(tinyOptions(corpus, dir.filePath("a").toStdString()));
    StopToken token;
    JobResult r = a.run([&](const Progress& p) { events.push_back(p); }, token);
    QVERIFY2(r.status == JobStatus::Finished, r.message.c_str());
    QVERIFY(a.steps() > 20);
    double firstLoss = -1;
    for (const auto& e : events)
      if (e.phase == "training" && firstLoss < 0) firstLoss = e.loss;
    qInfo("steps %lld, first window loss %.3f, final loss %.3f, held-out perplexity %.2f, "
          "vocabulary %d, %.0f tokens/s",
          static_cast<long long>(a.steps()), firstLoss, a.finalLoss(), a.heldoutPerplexity(),
          a.vocabulary().size(), a.tokensPerSecond());
    QVERIFY(firstLoss > 0);
    QVERIFY(a.finalLoss() < 0.6 * firstLoss);
    QVERIFY(std::isfinite(a.heldoutPerplexity()));
    QVERIFY(a.heldoutPerplexity() < 0.5 * a.vocabulary().size());
    bool sawPerplexity = false;
    for (const auto& e : events)
      for (const auto& x : e.extras) sawPerplexity |= x.first == "perplexity";
    QVERIFY(sawPerplexity);
    QCOMPARE(events.back().phase, std::string("finished"));
    QVERIFY(QFile::exists(dir.filePath("a/model.safetensors")));
    SafetensorsFile::read(dir.filePath("a/model.safetensors").toStdString()).get("softmax.weight");

    ElmoTrainer b(tinyOptions(corpus, dir.filePath("b").toStdString()));
    QVERIFY(b.run({}, token).status == JobStatus::Finished);
    QVERIFY(modelParams(a) == modelParams(b));
  }

  void stopsQuicklyAndResumes() {
    QTemporaryDir dir;
    const std::string corpus = writeCorpus(dir);
    ElmoTrainer full(tinyOptions(corpus, dir.filePath("full").toStdString()));
    StopToken t0;
    QVERIFY(full.run({}, t0).status == JobStatus::Finished);

    // Stop from the sink after a few steps: the job must return within ~100 ms.
    ElmoTrainerOptions o = tinyOptions(corpus, dir.filePath("part").toStdString());
    StopToken token;
    std::chrono::steady_clock::time_point requested;
    ElmoTrainer part(o);
    JobResult r = part.run(
        [&](const Progress& p) {
          if (p.phase == "training" && !token.stopRequested()) {
            token.requestStop();
            requested = std::chrono::steady_clock::now();
          }
        },
        token);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                 requested).count();
    QVERIFY2(r.status == JobStatus::Stopped, r.message.c_str());
    QVERIFY2(ms < 100, std::to_string(ms).c_str());
    QVERIFY(part.steps() < full.steps());
    QVERIFY(QFile::exists(dir.filePath("part/checkpoint.safetensors")));

    ElmoTrainer resumed(o);
    StopToken t1;
    r = resumed.run({}, t1);
    QVERIFY2(r.status == JobStatus::Finished, r.message.c_str());
    QCOMPARE(resumed.steps(), full.steps());
    QVERIFY(modelParams(resumed) == modelParams(full));
  }

  void nonFiniteLossFailsNamingTheStep() {
    QTemporaryDir dir;
    ElmoTrainerOptions o = tinyOptions(writeCorpus(dir), dir.filePath("nan").toStdString());
    o.lr = std::nanf("");
    ElmoTrainer t(o);
    StopToken token;
    JobResult r = t.run({}, token);
    QVERIFY(r.status == JobStatus::Failed);
    QVERIFY2(r.message.find("non-finite loss at step 2") != std::string::npos, r.message.c_str());
  }

  void badInputFails() {
    QTemporaryDir dir;
    StopToken token;
    ElmoTrainerOptions o = tinyOptions(dir.filePath("missing.txt").toStdString(),
                                       dir.filePath("x").toStdString());
    JobResult r = ElmoTrainer(o).run({}, token);
    QVERIFY(r.status == JobStatus::Failed);
    QVERIFY2(r.message.find("missing.txt") != std::string::npos, r.message.c_str());
    const std::string tiny = dir.filePath("tiny.txt").toStdString();
    std::ofstream(tiny) << "one line only\n";
    o.corpusFiles = {tiny};
    r = ElmoTrainer(o).run({}, token);
    QVERIFY(r.status == JobStatus::Failed);
    QVERIFY2(r.message.find("too small") != std::string::npos, r.message.c_str());
  }
};

QTEST_APPLESS_MAIN(TestElmoTrainer)
#include "test_elmo_trainer.moc"
