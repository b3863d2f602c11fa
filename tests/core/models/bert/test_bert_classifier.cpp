// Fine-tuning BERT for sentence classification: a tiny BERT pre-trained from scratch on a
// generated corpus learns a two-class task whose label is decided by one word, far above chance;
// the result is a BertForSequenceClassification directory that loads back; stop and errors.
#include <QtTest/QtTest>

#include <QTemporaryDir>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/models/bert/BertCheckpoint.h"
#include "core/models/bert/BertClassifier.h"
#include "core/models/bert/BertPretrainer.h"

using namespace embedlab;

namespace {

const char* kFillers[] = {"river", "stone", "cloud", "table", "green", "quick", "music", "paper",
                          "light", "horse", "glass", "sugar", "plant", "water", "chair", "dream"};

// A sentence of 4..9 fillers with the deciding word ("sunny" or "rainy") somewhere among them.
std::string sentence(uint32_t& x, bool positive) {
  auto next = [&] {
    x = x * 1664525u + 1013904223u;
    return x >> 8;
  };
  const int n = 4 + static_cast<int>(next() % 6);
  const int at = static_cast<int>(next() % (n + 1));
  std::string s;
  for (int i = 0; i <= n; ++i) {
    if (!s.empty()) s += " ";
    s += i == at ? (positive ? "sunny" : "rainy") : kFillers[next() % 16];
  }
  return s;
}

void writeTask(const std::string& dir, int train, int test) {
  std::filesystem::create_directories(dir);
  uint32_t x = 99;
  for (auto [name, n] : {std::pair<const char*, int>{"train.tsv", train}, {"test.tsv", test}}) {
    std::ofstream out(dir + "/" + name);
    for (int i = 0; i < n; ++i) {
      const bool positive = (x >> 12) & 1;
      const std::string s = sentence(x, positive);
      out << (positive ? "pos" : "neg") << "\t" << s << "\n";
    }
  }
}

// A tiny BERT pre-trained for a few steps on sentences like the task's.
std::string pretrain(const QTemporaryDir& dir) {
  const std::string corpus = dir.filePath("corpus.txt").toStdString();
  {
    std::ofstream out(corpus);
    uint32_t x = 7;
    for (int i = 0; i < 300; ++i) out << sentence(x, i % 2) << "\n";
  }
  BertPretrainerOptions o;
  o.corpusFiles = {corpus};
  o.outDir = dir.filePath("pre").toStdString();
  o.vocabSize = 120;
  o.layers = 2;
  o.hidden = 32;
  o.heads = 2;
  o.intermediate = 64;
  o.maxLength = 32;
  o.batch = 16;
  o.steps = 30;
  o.lr = 3e-3;
  o.threads = 1;
  o.checkpointEvery = 0;
  StopToken token;
  BertPretrainer job(o);
  const JobResult r = job.run({}, token);
  if (r.status != JobStatus::Finished) qFatal("pre-training failed: %s", r.message.c_str());
  return o.outDir;
}

BertClassifierOptions tinyOptions(const std::string& model, const std::string& task, const std::string& out) {
  BertClassifierOptions o;
  o.modelDir = model;
  o.taskDir = task;
  o.outDir = out;
  o.epochs = 4;
  o.batch = 16;
  o.lr = 2e-3;
  o.maxLength = 32;
  o.threads = 1;
  o.seed = 3;
  return o;
}

}  // namespace

class TestBertClassifier : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  std::string model_, task_;

 private slots:
  void initTestCase() {
    model_ = pretrain(dir_);
    task_ = dir_.filePath("task").toStdString();
    writeTask(task_, 400, 200);
  }

  void learnsTheDecidingWord() {
    const std::string out = dir_.filePath("clf").toStdString();
    BertClassifier job(tinyOptions(model_, task_, out));
    StopToken token;
    std::vector<Progress> events;
    const JobResult r = job.run([&](const Progress& p) { events.push_back(p); }, token);
    QVERIFY2(r.status == JobStatus::Finished, r.message.c_str());
    const auto& s = job.summary();
    qInfo("%lld steps, final loss %.3f, test accuracy %.3f, macro-F1 %.3f",
          static_cast<long long>(s.steps), s.finalLoss, s.test.accuracy, s.test.macroF1);
    QCOMPARE(s.labels, (std::vector<std::string>{"neg", "pos"}));
    QCOMPARE(s.steps, int64_t(4 * 25));
    QVERIFY(s.test.accuracy > 0.9);
    QVERIFY(s.test.macroF1 > 0.9);
    QCOMPARE(s.test.perClass.size(), size_t(2));
    QCOMPARE(s.test.perClass[0].support + s.test.perClass[1].support, int64_t(200));
    QCOMPARE(events.back().phase, std::string("finished"));

    // the directory is a BertForSequenceClassification with its labels
    BertCheckpoint ck = BertCheckpoint::load(out);
    QCOMPARE(ck.architecture(), std::string("BertForSequenceClassification"));
    const bool inModel = ck.model().params().contains("classifier.weight");
    const bool inExtras = ck.extras().count("classifier.weight") != 0;
    QVERIFY(inModel || inExtras);
    QVERIFY(ck.config().extra.count("id2label"));
    QVERIFY(ck.config().extra.at("id2label").find("\"pos\"") != std::string::npos);

    // fine-tuning that directory again starts from its classifier: already right before training
    BertClassifierOptions again = tinyOptions(out, task_, "");
    BertClassifier second(again);
    second.loadModel({"neg", "pos"});
    TaskData task = TaskData::load(task_);
    const ClassificationMetrics m = second.evaluate(task.test, 2);
    QCOMPARE(m.accuracy, s.test.accuracy);
  }

  void stopsAndFails() {
    BertClassifier job(tinyOptions(model_, task_, dir_.filePath("stopped").toStdString()));
    StopToken token;
    const JobResult r = job.run(
        [&](const Progress& p) {
          if (p.phase == "training") token.requestStop();
        },
        token);
    QVERIFY2(r.status == JobStatus::Stopped, r.message.c_str());
    QVERIFY(!std::filesystem::exists(dir_.filePath("stopped/model.safetensors").toStdString()));

    StopToken t2;
    BertClassifier missing(tinyOptions(model_, dir_.filePath("nowhere").toStdString(), ""));
    JobResult bad = missing.run({}, t2);
    QVERIFY(bad.status == JobStatus::Failed);
    QVERIFY2(bad.message.find("nowhere") != std::string::npos, bad.message.c_str());
    BertClassifier noModel(tinyOptions(dir_.filePath("nomodel").toStdString(), task_, ""));
    bad = noModel.run({}, t2);
    QVERIFY(bad.status == JobStatus::Failed);
    QVERIFY2(bad.message.find("nomodel") != std::string::npos, bad.message.c_str());

    BertClassifierOptions o = tinyOptions(model_, task_, "");
    o.lr = 1e30;
    BertClassifier nan(o);
    bad = nan.run({}, t2);
    QVERIFY(bad.status == JobStatus::Failed);
    QVERIFY2(bad.message.find("non-finite") != std::string::npos, bad.message.c_str());
  }
};

QTEST_APPLESS_MAIN(TestBertClassifier)
#include "test_bert_classifier.moc"
