// embedlab-cli train bert and train bert-classifier end to end with a tiny model: the JSON keys,
// an output directory that loads back as a Hugging Face checkpoint, fine-tuning on a task, and
// exit code 2 for bad flags / 1 for bad files, with the flag or file named.
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/models/bert/BertCheckpoint.h"
#include "support/CliRunner.h"

using json = nlohmann::ordered_json;
using embedlab::test::CliRun;
using embedlab::test::runCli;

namespace {

const char* kWords[] = {"red", "blue", "cat", "dog", "runs", "sleeps", "fast", "slow", "the", "a"};

std::string writeCorpus(const QTemporaryDir& dir) {
  const std::string path = dir.filePath("corpus.txt").toStdString();
  std::ofstream out(path);
  uint32_t x = 5;
  for (int i = 0; i < 200; ++i) {
    for (int k = 0; k < 6; ++k) {
      x = x * 1664525u + 1013904223u;
      out << (k ? " " : "") << kWords[(x >> 10) % 10];
    }
    out << "\n";
  }
  return path;
}

QStringList tinyFlags(const std::string& corpus, const QString& out) {
  return {"train", "bert", "--corpus", QString::fromStdString(corpus), "--layers", "1", "--hidden", "16",
          "--heads", "2", "--intermediate", "32", "--max-len", "16", "--vocab-size", "60", "--batch", "4",
          "--steps", "6", "--lr", "1e-3", "--warmup", "1", "--threads", "1", "--seed", "3", "--out", out};
}

}  // namespace

class TestCliTrainBert : public QObject {
  Q_OBJECT

 private slots:
  void trainsAndWritesAHuggingFaceDirectory() {
    QTemporaryDir dir;
    const QString out = dir.filePath("bert");
    const CliRun r = runCli(tinyFlags(writeCorpus(dir), out));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = embedlab::test::parseJsonOutput<json>(r);
    QVERIFY(j.is_object());
    std::vector<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
    QCOMPARE(keys, (std::vector<std::string>{"tokens_per_sec", "seconds", "steps", "final_mlm_loss", "mlm_accuracy", "out"}));
    QCOMPARE(j.at("steps").get<int>(), 6);
    QVERIFY(j.at("tokens_per_sec").get<double>() > 0);
    QVERIFY(j.at("final_mlm_loss").get<double>() > 0);
    QCOMPARE(j.at("out").get<std::string>(), out.toStdString());

    embedlab::BertCheckpoint ck = embedlab::BertCheckpoint::load(out.toStdString());
    QCOMPARE(ck.config().numHiddenLayers, 1);
    QCOMPARE(ck.config().hiddenSize, 16);
    QCOMPARE(ck.config().maxPositionEmbeddings, 16);
    QVERIFY(ck.hasVocab());
    QCOMPARE(ck.tokenizer().vocab().size(), ck.config().vocabSize);

    // fine-tune it on a task decided by one word
    const std::string task = dir.filePath("task").toStdString();
    std::filesystem::create_directories(task);
    for (auto [name, n] : {std::pair<const char*, int>{"train.tsv", 40}, {"test.tsv", 10}}) {
      std::ofstream t(task + "/" + name);
      for (int i = 0; i < n; ++i) t << (i % 2 ? "yes\tthe red cat runs" : "no\ta blue dog sleeps") << "\n";
    }
    const QString clf = dir.filePath("clf");
    const CliRun c = runCli({"train", "bert-classifier", "--model", out, "--task", QString::fromStdString(task),
                             "--epochs", "2", "--lr", "1e-3", "--batch", "8", "--threads", "1", "--out", clf});
    QVERIFY2(c.exitCode == 0, c.err.constData());
    const json k = embedlab::test::parseJsonOutput<json>(c);
    QVERIFY(k.is_object());
    QVERIFY(k.contains("accuracy") && k.contains("macro_f1"));
    QVERIFY(k.at("per_class").contains("yes") && k.at("per_class").contains("no"));
    QCOMPARE(k.at("per_class").at("yes").at("support").get<int>(), 5);
    QVERIFY(std::filesystem::exists(clf.toStdString() + "/model.safetensors"));
  }

  void badArguments() {
    QTemporaryDir dir;
    const std::string corpus = writeCorpus(dir);
    const QString out = dir.filePath("x");
    auto expectUsage = [&](QStringList args, const char* needle) {
      const CliRun r = runCli(args);
      QCOMPARE(r.exitCode, 2);
      QVERIFY2(r.err.contains(needle), r.err.constData());
      QVERIFY(r.out.isEmpty());
    };
    QStringList heads = tinyFlags(corpus, out);
    heads[heads.indexOf("--heads") + 1] = "3";
    expectUsage(heads, "--heads");
    QStringList steps = tinyFlags(corpus, out);
    steps[steps.indexOf("--steps") + 1] = "0";
    expectUsage(steps, "--steps");
    QStringList lr = tinyFlags(corpus, out);
    lr[lr.indexOf("--lr") + 1] = "abc";
    expectUsage(lr, "--lr");
    expectUsage({"train", "bert", "--out", out}, "--corpus");
    expectUsage({"train", "bert-classifier", "--model", out, "--task", out}, "--out");

    const CliRun missing = runCli(tinyFlags(dir.filePath("nope.txt").toStdString(), out));
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("nope.txt"), missing.err.constData());
    const CliRun noModel = runCli({"train", "bert-classifier", "--model", dir.filePath("none"), "--task",
                                   dir.path(), "--out", out});
    QCOMPARE(noModel.exitCode, 1);
    QVERIFY2(noModel.err.contains("none"), noModel.err.constData());
  }
};

QTEST_APPLESS_MAIN(TestCliTrainBert)
#include "test_cli_train_bert.moc"
