// embedlab-cli eval classify and report on a small generated task: two topics whose texts share
// function words and differ in their content words. TF-IDF must separate them, trained word
// vectors too (the topics' words become neighbours), and the report must hold both rows.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/CliRunner.h"
#include "support/TextFile.h"
#include "support/TwoTopicTask.h"

using namespace embedlab::test;
using Json = nlohmann::json;

namespace {

// Sum of the confusion matrix: how many test texts were predicted.
int confusionTotal(const Json& j) {
  int total = 0;
  for (const auto& row : j["confusion"])
    for (const auto& c : row) total += c.get<int>();
  return total;
}

}  // namespace

class TestCliClassify : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString task_, vectors_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    // corpus.txt (3000 lines) and topics/ (120 train, 60 test lines).
    const std::filesystem::path task = writeTwoTopicTask(dir_.path().toStdString());
    QVERIFY(!task.empty());
    task_ = QString::fromStdString(task.string());
    vectors_ = dir_.filePath("vectors.vec");
    const CliRun r = runCli({"train", "word2vec", "--corpus", dir_.filePath("corpus.txt"), "--dim", "16", "--epochs", "3",
                             "--min-count", "1", "--threads", "1", "--seed", "3", "--out", vectors_, "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
  }

  void classifyTfidfAndVectors() {
    for (const QString& features : {QString("tfidf"), "word2vec:" + vectors_}) {
      const CliRun r = runCli({"eval", "classify", "--task", task_, "--features", features, "--folds", "3", "--threads", "1",
                               "--quiet"});
      QVERIFY2(r.exitCode == 0, r.err.constData());
      const Json j = parseJsonOutput<Json>(r);
      QVERIFY(j.is_object());
      QVERIFY2(j["accuracy"].get<double>() >= 0.95, qPrintable(QString::fromStdString(j.dump())));
      QCOMPARE(j["labels"], Json({"land", "sea"}));
      QCOMPARE(j["per_class"]["sea"]["support"].get<int>(), 30);
      QCOMPARE(confusionTotal(j), 60);  // every test text predicted once
      QVERIFY(!j["feature_description"].get<std::string>().empty());
    }
  }

  void badFeatureSpecs() {
    for (const QString& features : {QString("glove"), QString("word2vec:"), QString("tfidf:x")}) {
      const CliRun r = runCli({"eval", "classify", "--task", task_, "--features", features});
      QCOMPARE(r.exitCode, 2);
      QVERIFY(r.err.contains("--features"));
      QVERIFY(r.out.isEmpty());
    }
    const CliRun r = runCli({"eval", "classify", "--task", task_, "--features", "word2vec:" + dir_.filePath("none.vec")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("none.vec"));
  }

  // A frozen BERT (the reference checkpoint: random weights, so only the plumbing is asserted):
  // every test text gets a prediction, the layers used are reported, bad options are usage errors.
  void bertFeatures() {
    const QString model = QString::fromStdString(fixturesDir() + "/bert-tiny");
    CliRun r = runCli({"eval", "classify", "--task", task_, "--features", "bert:" + model, "--feature-option",
                       "layer=-1,pool=mean", "--folds", "3", "--threads", "1", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    Json j = parseJsonOutput<Json>(r);
    QCOMPARE(j["features"].get<int>(), 64);  // hidden size of the fixture
    QCOMPARE(j["bert_layers"], Json({1, 2}));  // mean of the last four = hidden states 1..2 of 2 layers
    QCOMPARE(confusionTotal(j), 60);  // every test text predicted once
    r = runCli({"eval", "classify", "--task", task_, "--features", "bert:" + model, "--feature-option", "pool=cls,layer=0",
                "--folds", "3", "--threads", "1", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    j = parseJsonOutput<Json>(r);
    QCOMPARE(j["bert_layers"], Json({0, 0}));
    for (const QString& bad : {QString("layer=3"), QString("pool=max"), QString("depth=2")}) {
      r = runCli({"eval", "classify", "--task", task_, "--features", "bert:" + model, "--feature-option", bad});
      QCOMPARE(r.exitCode, 2);
      QVERIFY(r.err.contains("--feature-option"));
    }
    // Fine-tuning: the model's own predictions are scored (no logistic regression on top).
    r = runCli({"eval", "classify", "--task", task_, "--features", "bert:" + model, "--finetune", "--feature-option",
                "epochs=2,lr=1e-3,batch=8", "--threads", "1", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    j = parseJsonOutput<Json>(r);
    QCOMPARE(j["finetune_steps"].get<int>(), 2 * 120 / 8);
    QCOMPARE(confusionTotal(j), 60);  // every test text predicted once
    r = runCli({"eval", "classify", "--task", task_, "--features", "tfidf", "--finetune"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--finetune"));
    r = runCli({"eval", "classify", "--task", task_, "--features", "bert:" + dir_.path()});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("config.json"));
  }

  // ELMo's learned mix as features, and ELMo / word2vec side by side in a report with the
  // intrinsic table built from the models' contexts in the corpus.
  void elmoFeaturesAndReport() {
    const QString model = dir_.filePath("elmo");
    CliRun r = runCli({"train", "elmo", "--corpus", dir_.filePath("corpus.txt"), "--char-filters", "1:8,2:8,3:16",
                       "--char-embed", "8", "--highway", "1", "--lstm-hidden", "32", "--projection", "16", "--max-vocab",
                       "100", "--seq-len", "10", "--batch", "8", "--epochs", "1", "--lr", "0.005", "--threads", "1",
                       "--seed", "1", "--out", model, "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli({"eval", "classify", "--task", task_, "--features", "elmo:" + model, "--folds", "3", "--threads", "1",
                "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    Json j = parseJsonOutput<Json>(r);
    QCOMPARE(j["features"].get<int>(), 32);  // 2 x projection
    QCOMPARE(j["elmo_weights"].size(), size_t(3));
    double sum = 0;
    for (const auto& w : j["elmo_weights"]) sum += w.get<double>();
    QVERIFY(std::abs(sum - 1.0) < 1e-3);
    QVERIFY2(j["accuracy"].get<double>() >= 0.9, qPrintable(QString::fromStdString(j.dump())));
    r = runCli({"eval", "classify", "--task", task_, "--features", "elmo:" + model, "--feature-option", "x=1"});
    QCOMPARE(r.exitCode, 2);

    QVERIFY(writeTextFile(dir_.filePath("pairs2.txt"), kTwoTopicPairs));
    const QString out = dir_.filePath("report2.html");
    r = runCli({"report", "--runs", model, "--runs", vectors_, "--task", task_, "--no-baseline", "--similarity",
                dir_.filePath("pairs2.txt"), "--context-corpus", dir_.filePath("corpus.txt"), "--folds", "3",
                "--threads", "1", "--out", out, "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    j = parseJsonOutput<Json>(r);
    QCOMPARE(j["rows"].size(), size_t(2));
    QVERIFY(j["rows"][0]["model"].get<std::string>().find("(elmo)") != std::string::npos);
    QCOMPARE(j["intrinsic"].size(), size_t(2));
    QCOMPARE(j["intrinsic"][0]["pairs"].get<int>(), 4);  // every benchmark word occurs in the corpus
  }

  void reportHasEveryRow() {
    const QString out = dir_.filePath("report.html");
    QVERIFY(writeTextFile(dir_.filePath("pairs.txt"), kTwoTopicPairs));
    const CliRun r = runCli({"report", "--runs", vectors_, "--task", task_, "--similarity", dir_.filePath("pairs.txt"),
                             "--folds", "3", "--threads", "1", "--out", out, "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const Json j = parseJsonOutput<Json>(r);
    QCOMPARE(j["rows"].size(), size_t(2));  // baseline + the vectors
    QCOMPARE(j["rows"][0]["model"].get<std::string>(), std::string("TF-IDF baseline"));
    QVERIFY(j["rows"][1]["model"].get<std::string>().find("vectors.vec") != std::string::npos);
    for (const auto& row : j["rows"]) QVERIFY(row["accuracy"].get<double>() >= 0.95);
    QCOMPARE(j["intrinsic"].size(), size_t(1));
    QCOMPARE(j["intrinsic"][0]["pairs"].get<int>(), 4);
    QFile html(out);
    QVERIFY(html.open(QIODevice::ReadOnly));
    const QByteArray text = html.readAll();
    QVERIFY(text.startsWith("<!DOCTYPE html>"));
    QCOMPARE(text.count("<svg"), 2 + 2);  // two bar charts, two confusion matrices
    QVERIFY(text.contains("TF-IDF baseline"));
  }

  void reportBadInput() {
    const QString out = dir_.filePath("bad.html");
    CliRun r = runCli({"report", "--runs", dir_.filePath("missing.vec"), "--task", task_, "--out", out});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("missing.vec"));
    r = runCli({"report", "--runs", dir_.filePath("corpus.txt") + "x", "--task", task_, "--out", out});
    QCOMPARE(r.exitCode, 2);
    r = runCli({"report", "--runs", vectors_, "--task", task_, "--out", dir_.filePath("no/such/dir/r.html")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!QFile::exists(out));
  }
};

QTEST_APPLESS_MAIN(TestCliClassify)
#include "test_cli_classify.moc"
