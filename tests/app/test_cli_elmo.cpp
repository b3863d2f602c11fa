// embedlab-cli train elmo / elmo embed / elmo mix end to end: a tiny biLM trained on a generated
// corpus in a few seconds, its JSON and files; the layers file's shape, tokens and duplicated
// layer 0; the mix's JSON keys and ranges on a generated two-class task; bad model directories
// exit 1 naming the file, bad flags exit 2 naming the flag, and nothing is printed on stdout then.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "core/io/Safetensors.h"
#include "support/CliRunner.h"

using json = nlohmann::ordered_json;
using embedlab::test::parseJsonOutput;
using embedlab::test::runCli;

namespace {

void writeCorpus(const std::string& path) {
  std::ofstream out(path);
  const char* subjects[] = {"the cat", "a dog", "the bird", "my friend", "the horse"};
  const char* verbs[] = {"sat on", "looked at", "ran to", "slept near"};
  const char* objects[] = {"the mat", "a tree", "the house", "the river", "a car"};
  for (int i = 0; i < 400; ++i)
    out << subjects[i % 5] << " " << verbs[(i / 5) % 4] << " " << objects[(i / 20) % 5] << " .\n";
}

void writeTask(const std::string& dir) {
  std::filesystem::create_directories(dir);
  const char* animals[] = {"cat", "dog", "horse", "bird"};
  const char* things[] = {"car", "house", "tree", "river"};
  const char* fillers[] = {"the", "a", "sat", "near", "looked", "at"};
  std::mt19937 rng(2);
  for (const char* split : {"train", "test"}) {
    std::ofstream out(dir + "/" + split + ".tsv");
    const int n = std::string(split) == "train" ? 80 : 40;
    for (int i = 0; i < n; ++i) {
      const bool animal = i % 2 == 0;
      out << (animal ? "animal\t" : "thing\t");
      for (int w = 0; w < 5; ++w)
        out << (w % 2 == 0 ? (animal ? animals[rng() % 4] : things[rng() % 4]) : fillers[rng() % 6])
            << (w < 4 ? " " : "\n");
    }
  }
}

bool inUnit(const json& v) { return v.is_number() && v.get<double>() >= 0 && v.get<double>() <= 1; }

}  // namespace

class TestCliElmo : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString model_, corpus_, task_;

  QString path(const char* name) const { return dir_.filePath(name); }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    corpus_ = path("corpus.txt");
    writeCorpus(corpus_.toStdString());
    task_ = path("task");
    writeTask(task_.toStdString());
    model_ = path("model");
  }

  void trainWritesAModel() {
    const auto r = runCli({"train", "elmo", "--corpus", corpus_, "--char-filters", "1:8,2:8,3:16",
                           "--char-embed", "8", "--highway", "1", "--lstm-hidden", "32", "--projection", "16",
                           "--max-vocab", "100", "--seq-len", "10", "--batch", "8", "--epochs", "2",
                           "--lr", "0.005", "--threads", "1", "--seed", "1", "--out", model_, "--quiet"});
    QVERIFY2(!r.crashed && r.exitCode == 0, r.err.constData());
    json j = parseJsonOutput<json>(r);
    QVERIFY(j.is_object());
    std::vector<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
    const std::vector<std::string> first = {"tokens_per_sec", "seconds", "final_loss", "heldout_perplexity", "out"};
    QVERIFY(keys.size() >= first.size());
    QVERIFY(std::equal(first.begin(), first.end(), keys.begin()));
    QVERIFY(j["tokens_per_sec"].get<double>() > 0);
    QVERIFY(j["seconds"].get<double>() > 0);
    QVERIFY(j["final_loss"].get<double>() > 0 && j["final_loss"].get<double>() < std::log(100.0));
    QVERIFY(j["heldout_perplexity"].get<double>() > 1 && j["heldout_perplexity"].get<double>() < 100);
    QCOMPARE(QString::fromStdString(j["out"].get<std::string>()), model_);
    for (const char* f : {"model/model.safetensors", "model/vocab.txt", "model/checkpoint.safetensors"})
      QVERIFY2(QFile::exists(path(f)), f);
    qInfo("tiny biLM: %s", r.out.trimmed().constData());
  }

  void embedWritesThreeLayers() {
    const QString out = path("layers.safetensors");
    const auto r = runCli({"elmo", "embed", "--model", model_, "--text", "The cat sat on the mat.", "--out", out});
    QVERIFY2(!r.crashed && r.exitCode == 0, r.err.constData());
    json j = parseJsonOutput<json>(r);
    QVERIFY(j.is_object());
    const std::vector<std::string> tokens = {"the", "cat", "sat", "on", "the", "mat", "."};
    QVERIFY(j["tokens"].get<std::vector<std::string>>() == tokens);
    QVERIFY((j["shape"].get<std::vector<int64_t>>() == std::vector<int64_t>{3, 7, 32}));
    const auto f = embedlab::SafetensorsFile::read(out.toStdString());
    const auto& t = f.get("layers", {3, 7, 32});
    QVERIFY(json::parse(f.metadata().at("tokens")).get<std::vector<std::string>>() == tokens);
    for (int tok = 0; tok < 7; ++tok) {
      const float* l0 = t.data.data() + tok * 32;
      QVERIFY(std::equal(l0, l0 + 16, l0 + 16));  // layer 0 duplicated
    }
    for (float v : t.data) QVERIFY(std::isfinite(v));
    // "the" at 0 and at 4: the same layer 0, different layer 1 (context).
    QVERIFY(std::equal(t.data.begin(), t.data.begin() + 32, t.data.begin() + 4 * 32));
    QVERIFY(!std::equal(t.data.begin() + 7 * 32, t.data.begin() + 8 * 32, t.data.begin() + 11 * 32));
  }

  void mixReportsWeightsAndScores() {
    const auto r = runCli({"elmo", "mix", "--model", model_, "--task", task_, "--epochs", "15", "--c", "1",
                           "--threads", "2", "--quiet"});
    QVERIFY2(!r.crashed && r.exitCode == 0, r.err.constData());
    json j = parseJsonOutput<json>(r);
    QVERIFY(j.is_object());
    QVERIFY(j["weights"].is_array() && j["weights"].size() == 3);
    double sum = 0;
    for (const auto& w : j["weights"]) {
      QVERIFY(inUnit(w));
      sum += w.get<double>();
    }
    QVERIFY(std::fabs(sum - 1) < 1e-4);
    QVERIFY(j["gamma"].is_number() && std::isfinite(j["gamma"].get<double>()));
    QVERIFY(j["layers"].is_array() && j["layers"].size() == 3);
    for (int k = 0; k < 3; ++k) {
      const json& l = j["layers"][k];
      QCOMPARE(l["layer"].get<int>(), k);
      QVERIFY(inUnit(l["accuracy"]) && inUnit(l["macro_f1"]));
    }
    QVERIFY(inUnit(j["mix"]["accuracy"]) && inUnit(j["mix"]["macro_f1"]));
    QVERIFY(j["mix"]["accuracy"].get<double>() > 0.6);  // two balanced classes: chance is 0.5
    QVERIFY(inUnit(j["mix_refit"]["accuracy"]));
    QCOMPARE(j["train_examples"].get<int>(), 80);
    QCOMPARE(j["test_examples"].get<int>(), 40);
    qInfo("mix: %s", r.out.trimmed().constData());
  }

  void badModelDirectoryExitsOneNamingTheFile() {
    QDir(dir_.path()).mkdir("empty");
    const QString empty = path("empty");
    auto r = runCli({"elmo", "embed", "--model", empty, "--text", "a cat", "--out", path("x.safetensors")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("empty/model.safetensors"), r.err.constData());
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFile::exists(path("x.safetensors")));
    r = runCli({"elmo", "mix", "--model", path("nowhere"), "--task", task_, "--quiet"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("nowhere"), r.err.constData());
    r = runCli({"elmo", "mix", "--model", model_, "--task", path("notask"), "--quiet"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("notask"), r.err.constData());
    // A model file cut in half.
    QDir(dir_.path()).mkdir("cut");
    QFile::copy(path("model/vocab.txt"), path("cut/vocab.txt"));
    {
      QFile in(path("model/model.safetensors"));
      QVERIFY(in.open(QIODevice::ReadOnly));
      const QByteArray bytes = in.readAll();
      QFile out(path("cut/model.safetensors"));
      QVERIFY(out.open(QIODevice::WriteOnly));
      out.write(bytes.left(bytes.size() / 2));
    }
    r = runCli({"elmo", "embed", "--model", path("cut"), "--text", "a cat", "--out", path("x.safetensors")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("cut/model.safetensors"), r.err.constData());
    r = runCli({"train", "elmo", "--corpus", path("missing.txt"), "--out", path("m2")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("missing.txt"), r.err.constData());
  }

  void badFlagsExitTwo() {
    const QString out = path("bad");
    const std::vector<std::pair<QStringList, QString>> cases = {
        {{"train", "elmo", "--corpus", corpus_, "--out", out, "--char-filters", "1:x"}, "--char-filters"},
        {{"train", "elmo", "--corpus", corpus_, "--out", out, "--char-filters", "1:8,,2:8"}, "--char-filters"},
        {{"train", "elmo", "--corpus", corpus_, "--out", out, "--lstm-hidden", "0"}, "--lstm-hidden"},
        {{"train", "elmo", "--corpus", corpus_, "--out", out, "--projection", "abc"}, "--projection"},
        {{"train", "elmo", "--corpus", corpus_, "--out", out, "--sampled", "50", "--max-vocab", "20"}, "--sampled"},
        {{"train", "elmo", "--corpus", corpus_}, "--out"},
        {{"train", "elmo", "--corpus", corpus_, "--out", out, "--bogus", "1"}, "--bogus"},
        {{"elmo", "embed", "--model", model_, "--text", "a", "--out", path("x.txt")}, "--out"},
        {{"elmo", "embed", "--model", model_, "--text", "  ", "--out", path("x.safetensors")}, "--text"},
        {{"elmo", "embed", "--text", "a", "--out", path("x.safetensors")}, "--model"},
        {{"elmo", "mix", "--model", model_, "--task", task_, "--epochs", "0"}, "--epochs"},
        {{"elmo", "mix", "--model", model_, "--task", task_, "--lr", "-1"}, "--lr"},
        {{"elmo", "bogus"}, "bogus"},
    };
    for (const auto& [args, flag] : cases) {
      const auto r = runCli(args);
      QVERIFY2(r.exitCode == 2, qPrintable(args.join(' ') + " -> " + QString::number(r.exitCode) + " " + QString::fromUtf8(r.err)));
      QVERIFY2(r.err.contains(flag.toUtf8()), qPrintable(args.join(' ') + ": " + QString::fromUtf8(r.err)));
      QVERIFY(r.out.isEmpty());
    }
    QVERIFY(!QFile::exists(out));
  }
};

QTEST_APPLESS_MAIN(TestCliElmo)
#include "test_cli_elmo.moc"
