// embedlab-cli bert encode end to end: fixture sentences (a single text, a pair) through the
// fixture model, every written tensor against Hugging Face's reference row; a BertModel-only
// checkpoint writes no head outputs; bad model directories and flags exit non-zero naming the
// problem and write nothing.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/io/Safetensors.h"
#include "support/CliRunner.h"
#include "support/TestPaths.h"

using namespace embedlab;
using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace {

std::string fixtureDir() { return test::fixturesDir() + "/bert-tiny"; }

// ‖ours − ref[row, real tokens]‖ / ‖ref[...]‖ for a reference tensor (B, ..., T, inner): `ours` is
// batch row `row` cut to the first T tokens. `dims`: the reference shape; the token axis is the
// one of size refT at index `tokenAxis` (for attentions both query and key axes are cut).
double relErrorRow(const SafeTensor& ours, const SafeTensor& ref, int row, int T) {
  const auto& s = ref.shape;  // (B, [NH,] refT, [refT or inner])
  const int64_t refT = s.size() == 4 && s[2] == s[3] ? s[2] : s[1];
  double d2 = 0, r2 = 0;
  int64_t k = 0;
  auto add = [&](int64_t refIndex) {
    const double d = double(ours.data[size_t(k++)]) - ref.data[size_t(refIndex)];
    d2 += d * d;
    r2 += double(ref.data[size_t(refIndex)]) * ref.data[size_t(refIndex)];
  };
  if (s.size() == 4 && s[2] == s[3]) {  // attentions (B, NH, refT, refT)
    for (int64_t h = 0; h < s[1]; ++h)
      for (int64_t i = 0; i < T; ++i)
        for (int64_t j = 0; j < T; ++j) add(((row * s[1] + h) * refT + i) * refT + j);
  } else if (s.size() == 3) {  // (B, refT, inner)
    for (int64_t t = 0; t < T; ++t)
      for (int64_t c = 0; c < s[2]; ++c) add((row * refT + t) * s[2] + c);
  } else {  // (B, inner)
    for (int64_t c = 0; c < s[1]; ++c) add(row * s[1] + c);
  }
  if (k != ours.numel()) return 1e9;
  return std::sqrt(d2) / std::max(std::sqrt(r2), 1e-30);
}

}  // namespace

class TestCliBertEncode : public QObject {
  Q_OBJECT

 private slots:
  void encodesLikeHuggingFace_data() {
    QTest::addColumn<int>("row");
    nlohmann::json ref;
    std::ifstream(fixtureDir() + "/reference.json") >> ref;
    // the first sentence, and the first pair
    QTest::newRow("single") << 0;
    for (size_t i = 0; i < ref["tokenization"].size(); ++i)
      if (ref["tokenization"][i].contains("text_pair")) {
        QTest::newRow("pair") << int(i);
        break;
      }
  }

  void encodesLikeHuggingFace() {
    QFETCH(int, row);
    nlohmann::json ref;
    std::ifstream(fixtureDir() + "/reference.json") >> ref;
    const auto& entry = ref["tokenization"][size_t(row)];
    QTemporaryDir tmp;
    const QString out = tmp.filePath("enc.safetensors");
    QStringList args{"bert", "encode", "--model", QString::fromStdString(fixtureDir()), "--text",
                     QString::fromStdString(entry["text"].get<std::string>()), "--out", out};
    if (entry.contains("text_pair")) args << "--text-pair" << QString::fromStdString(entry["text_pair"].get<std::string>());
    const auto r = test::runCli(args);
    QVERIFY2(!r.crashed && r.exitCode == 0, r.err.constData());
    const json j = test::parseJsonOutput<json>(r);
    QVERIFY(j.is_object());
    const std::vector<std::string> tokens = j["tokens"];
    QCOMPARE(tokens, entry["tokens"].get<std::vector<std::string>>());
    const int T = j["seq_len"];
    QCOMPARE(T, int(tokens.size()));
    QCOMPARE(j["layers"].get<int>(), 2);
    QCOMPARE(QString::fromStdString(j["out"].get<std::string>()), out);

    const auto ours = SafetensorsFile::read(out.toStdString());
    const auto refT = SafetensorsFile::read(fixtureDir() + "/reference.safetensors");
    const std::vector<int64_t> ids(ours.get("input_ids", {1, T}).ints);
    QCOMPARE(ids, entry["ids"].get<std::vector<int64_t>>());
    std::vector<std::string> names{"hidden_states.0", "hidden_states.1", "hidden_states.2", "attentions.0",
                                   "attentions.1",    "pooler_output",   "prediction_logits", "seq_relationship_logits"};
    for (const auto& n : names) {
      QVERIFY2(ours.contains(n), n.c_str());
      const double e = relErrorRow(ours.get(n), refT.get(n), row, T);
      QVERIFY2(e < 1e-4, (n + ": relative error " + std::to_string(e)).c_str());
    }
    QCOMPARE(ours.get("hidden_states.2").shape, (std::vector<int64_t>{1, T, 64}));
    QCOMPARE(ours.get("attentions.1").shape, (std::vector<int64_t>{1, 4, T, T}));
    QCOMPARE(ours.get("prediction_logits").shape, (std::vector<int64_t>{1, T, 377}));
    QCOMPARE(ours.get("seq_relationship_logits").shape, (std::vector<int64_t>{1, 2}));
  }

  void withoutHeadsWritesNoHeadOutputs() {
    // A BertModel checkpoint (no pooler, no heads, no "bert." prefix) made from the fixture.
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/m";
    fs::create_directories(dir);
    fs::copy_file(fixtureDir() + "/config.json", dir + "/config.json");
    fs::copy_file(fixtureDir() + "/vocab.txt", dir + "/vocab.txt");
    const auto f = SafetensorsFile::read(fixtureDir() + "/model.safetensors");
    SafetensorsWriter w;
    for (const auto& t : f.tensors())
      if (t.name.rfind("bert.embeddings", 0) == 0 || t.name.rfind("bert.encoder", 0) == 0)
        w.add(t.name.substr(5), t.shape, t.data.data());
    w.write(dir + "/model.safetensors");
    const QString out = tmp.filePath("enc.safetensors");
    const auto r = test::runCli({"bert", "encode", "--model", QString::fromStdString(dir), "--text", "river bank",
                                 "--out", out, "--max-len", "3"});
    QVERIFY2(!r.crashed && r.exitCode == 0, r.err.constData());
    const json j = test::parseJsonOutput<json>(r);
    QCOMPARE(j["seq_len"].get<int>(), 3);
    QCOMPARE(j["truncated"].get<int>(), 1);
    const auto ours = SafetensorsFile::read(out.toStdString());
    QVERIFY(ours.contains("hidden_states.2") && ours.contains("attentions.0"));
    QVERIFY(!ours.contains("pooler_output") && !ours.contains("prediction_logits") &&
            !ours.contains("seq_relationship_logits"));
  }

  void badModelDirectories() {
    QTemporaryDir tmp;
    const QString out = tmp.filePath("enc.safetensors");
    auto expectFailure = [&](const QString& model, const std::string& named, int code) {
      const auto r = test::runCli({"bert", "encode", "--model", model, "--text", "hello", "--out", out});
      QVERIFY(!r.crashed);
      QCOMPARE(r.exitCode, code);
      QVERIFY2(r.err.toStdString().find(named) != std::string::npos, r.err.constData());
      QVERIFY(r.out.isEmpty());
      QVERIFY(!QFile::exists(out));
    };
    // no such directory
    expectFailure(tmp.filePath("missing"), tmp.filePath("missing").toStdString(), 1);
    // weights missing
    const std::string dir = tmp.path().toStdString() + "/broken";
    fs::create_directories(dir);
    fs::copy_file(fixtureDir() + "/config.json", dir + "/config.json");
    fs::copy_file(fixtureDir() + "/vocab.txt", dir + "/vocab.txt");
    expectFailure(QString::fromStdString(dir), dir + "/model.safetensors", 1);
    // corrupt weights
    std::ofstream(dir + "/model.safetensors", std::ios::binary) << std::string("\x10\x00\x00\x00\x00\x00\x00\x00{", 9);
    expectFailure(QString::fromStdString(dir), dir + "/model.safetensors", 1);
    // not a BERT
    fs::copy_file(fixtureDir() + "/model.safetensors", dir + "/model.safetensors", fs::copy_options::overwrite_existing);
    std::ofstream(dir + "/config.json") << "{\"model_type\": \"gpt2\"}";
    expectFailure(QString::fromStdString(dir), dir + "/config.json", 1);
    // a usage error: --max-len too small
    const auto r = test::runCli({"bert", "encode", "--model", QString::fromStdString(fixtureDir()), "--text", "a",
                                 "--out", out, "--max-len", "1"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--max-len"));
  }
};

QTEST_APPLESS_MAIN(TestCliBertEncode)
#include "test_cli_bert_encode.moc"
