// embedlab-cli bert tokenize end to end: the JSON it prints for fixture sentences (the ids of
// Hugging Face's reference), pairs, truncation and padding, and its errors for bad flags and
// bad vocabulary files.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/TestPaths.h"

using json = nlohmann::ordered_json;  // keeps the key order of the output

namespace {

struct CliRun {
  int exitCode = -1;
  bool crashed = false;
  std::string out, err;
};

CliRun runCli(const QStringList& args) {
  QProcess p;
  p.start(QString::fromStdString(embedlab::test::cliPath()), args);
  CliRun r;
  if (!p.waitForStarted(10000)) return r;
  if (!p.waitForFinished(60000)) {
    p.kill();
    p.waitForFinished();
    r.crashed = true;
    return r;
  }
  r.crashed = p.exitStatus() != QProcess::NormalExit;
  r.exitCode = p.exitCode();
  r.out = p.readAllStandardOutput().toStdString();
  r.err = p.readAllStandardError().toStdString();
  return r;
}

// stdout must be exactly one JSON object on one line.
json parseOutput(const CliRun& r) {
  if (r.out.empty() || r.out.back() != '\n' || r.out.find('\n') != r.out.size() - 1) {
    qWarning("stdout is not one line: %s (stderr: %s)", r.out.c_str(), r.err.c_str());
    return json();
  }
  return json::parse(r.out, nullptr, false);
}

QString vocabPath() { return QString::fromStdString(embedlab::test::fixturesDir() + "/bert-tiny/vocab.txt"); }

}  // namespace

class TestCliBert : public QObject {
  Q_OBJECT
 private slots:
  void tokenizeMatchesReference() {
    const CliRun r = runCli({"bert", "tokenize", "--vocab", vocabPath(), "--text", "Hello, world!"});
    QCOMPARE(r.exitCode, 0);
    const json j = parseOutput(r);
    QVERIFY(j.is_object());
    QCOMPARE(j.at("ids").get<std::vector<int>>(), (std::vector<int>{7, 303, 21, 221, 10, 8}));
    QCOMPARE(j.at("tokens").get<std::vector<std::string>>(),
             (std::vector<std::string>{"[CLS]", "hello", ",", "world", "!", "[SEP]"}));
    QCOMPARE(j.at("type_ids").get<std::vector<int>>(), (std::vector<int>(6, 0)));
    QCOMPARE(j.at("attention_mask").get<std::vector<int>>(), (std::vector<int>(6, 1)));
    QCOMPARE(j.at("offsets").get<std::vector<std::vector<int>>>(),
             (std::vector<std::vector<int>>{{0, 0}, {0, 5}, {5, 6}, {7, 12}, {12, 13}, {0, 0}}));
    // Every key in this order, as the help promises.
    std::vector<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
    QCOMPARE(keys, (std::vector<std::string>{"ids", "tokens", "type_ids", "attention_mask", "offsets", "truncated"}));
  }

  void pairTruncatedAndPadded() {
    // A model directory works as well as its vocab.txt.
    const QString dir = QString::fromStdString(embedlab::test::fixturesDir() + "/bert-tiny");
    CliRun r = runCli({"bert", "tokenize", "--vocab", dir, "--text", "What is BERT?", "--text-pair",
                       "A bidirectional transformer.", "--max-len", "8"});
    QCOMPARE(r.exitCode, 0);
    json j = parseOutput(r);
    QCOMPARE(j.at("tokens").get<std::vector<std::string>>(),
             (std::vector<std::string>{"[CLS]", "what", "is", "[SEP]", "a", "bidirectional", "transformer", "[SEP]"}));
    QCOMPARE(j.at("type_ids").get<std::vector<int>>(), (std::vector<int>{0, 0, 0, 0, 1, 1, 1, 1}));
    QCOMPARE(j.at("truncated").get<int>(), 3);

    r = runCli({"bert", "tokenize", "--vocab", vocabPath(), "--text", "river bank", "--max-len", "6", "--pad"});
    QCOMPARE(r.exitCode, 0);
    j = parseOutput(r);
    QCOMPARE(j.at("ids").get<std::vector<int>>(), (std::vector<int>{7, 290, 289, 8, 0, 0}));
    QCOMPARE(j.at("attention_mask").get<std::vector<int>>(), (std::vector<int>{1, 1, 1, 1, 0, 0}));
  }

  void errors() {
    QTemporaryDir tmp;
    const std::string bad = tmp.path().toStdString() + "/bad-vocab.txt";
    std::ofstream(bad) << "[PAD]\n[UNK]\nhello\n";
    CliRun r = runCli({"bert", "tokenize", "--vocab", QString::fromStdString(bad), "--text", "hello"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("bad-vocab.txt") != std::string::npos && r.err.find("[CLS]") != std::string::npos, r.err.c_str());
    QVERIFY(r.out.empty());

    r = runCli({"bert", "tokenize", "--vocab", tmp.path() + "/none.txt", "--text", "hello"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("none.txt") != std::string::npos, r.err.c_str());

    r = runCli({"bert", "tokenize", "--vocab", vocabPath(), "--text", "a", "--text-pair", "b", "--max-len", "2"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.find("--max-len") != std::string::npos, r.err.c_str());
    r = runCli({"bert", "tokenize", "--vocab", vocabPath(), "--text", "a", "--pad"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.find("--pad") != std::string::npos, r.err.c_str());
    r = runCli({"bert", "tokenize", "--vocab", vocabPath()});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.find("--text") != std::string::npos, r.err.c_str());
    QVERIFY(!r.crashed);
  }
};

QTEST_APPLESS_MAIN(TestCliBert)
#include "test_cli_bert.moc"
