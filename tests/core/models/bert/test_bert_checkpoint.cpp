// BertCheckpoint: Hugging Face directories in (the fixture, half precision, prefix-less and legacy
// names, BertModel / BertForSequenceClassification layouts, tied and untied decoders, sharded
// files) and out (bit-identical round trip, the tied decoder omitted, atomic files), and every
// bad-input case as an Error that names the file.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/io/Safetensors.h"
#include "core/models/bert/BertCheckpoint.h"
#include "core/util/Error.h"
#include "support/TestPaths.h"

using namespace embedlab;
namespace fs = std::filesystem;

namespace {

std::string fixtureDir() { return test::fixturesDir() + "/bert-tiny"; }

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
void writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

double relError(const float* ours, const std::vector<float>& ref, int64_t rowSize, const std::vector<int64_t>& mask) {
  double d2 = 0, r2 = 0;
  for (size_t r = 0; r < mask.size(); ++r) {
    if (!mask[r]) continue;
    for (int64_t i = int64_t(r) * rowSize; i < int64_t(r + 1) * rowSize; ++i) {
      const double d = double(ours[i]) - ref[size_t(i)];
      d2 += d * d;
      r2 += double(ref[size_t(i)]) * ref[size_t(i)];
    }
  }
  return std::sqrt(d2) / std::max(std::sqrt(r2), 1e-30);
}

// A checkpoint directory made from the fixture: config.json (edited by `editConfig`), vocab.txt,
// and model.safetensors with the fixture's tensors passed through `tensor` (return false to drop
// one; it may rename it or change its data), stored as `dtype`.
struct Made {
  QTemporaryDir tmp;
  std::string dir() const { return tmp.path().toStdString(); }
  std::string file(const char* name) const { return dir() + "/" + name; }
};
using TensorEdit = std::function<bool(std::string& name, std::vector<int64_t>& shape, std::vector<float>& data)>;
void makeCheckpoint(const Made& m, const TensorEdit& tensor = {},
                    const std::function<void(nlohmann::json&)>& editConfig = {}, SafeDType dtype = SafeDType::F32,
                    std::vector<std::pair<std::string, std::vector<float>>> add = {}) {
  nlohmann::json cfg;
  std::ifstream(fixtureDir() + "/config.json") >> cfg;
  if (editConfig) editConfig(cfg);
  writeFile(m.file("config.json"), cfg.dump(2));
  fs::copy_file(fixtureDir() + "/vocab.txt", m.file("vocab.txt"));
  const auto f = SafetensorsFile::read(fixtureDir() + "/model.safetensors");
  SafetensorsWriter w;
  w.setMetadata("format", "pt");
  for (const auto& t : f.tensors()) {
    std::string name = t.name;
    std::vector<int64_t> shape = t.shape;
    std::vector<float> data = t.data;
    if (tensor && !tensor(name, shape, data)) continue;
    w.add(name, shape, data.data(), dtype);
  }
  for (auto& [name, data] : add) w.add(name, {int64_t(data.size()) / 64, 64}, data.data(), dtype);
  w.write(m.file("model.safetensors"));
}

// The Error of `fn`, which must name `file` and contain `needle`.
void expectError(const std::function<void()>& fn, const std::string& file, const std::string& needle) {
  try {
    fn();
    QFAIL(("no error (expected one naming " + file + ")").c_str());
  } catch (const Error& e) {
    const std::string msg = e.what();
    QVERIFY2(msg.find(file) != std::string::npos, ("message does not name " + file + ": " + msg).c_str());
    QVERIFY2(msg.find(needle) != std::string::npos, ("message lacks '" + needle + "': " + msg).c_str());
  }
}

bool sameParams(const BertModel& a, const BertModel& b) {
  if (a.params().count() != b.params().count()) return false;
  for (const auto& v : a.params().views()) {
    if (!b.params().contains(v.name) || b.params().view(v.name).shape != v.shape) return false;
    if (std::memcmp(a.params().data(v.name), b.params().data(v.name), v.size * sizeof(float)) != 0) return false;
  }
  return true;
}

// The fixture's batch row `r` through `m`: relative error of the last hidden state at real tokens.
double lastHiddenError(BertModel& m, int r = 1) {
  const auto ref = SafetensorsFile::read(fixtureDir() + "/reference.safetensors");
  const int T = int(ref.get("input_ids").shape[1]), C = m.hidden();
  std::vector<int32_t> ids(T), types(T), mask(T);
  std::vector<int64_t> mask64(T);
  for (int t = 0; t < T; ++t) {
    ids[t] = int32_t(ref.get("input_ids").ints[size_t(r * T + t)]);
    types[t] = int32_t(ref.get("token_type_ids").ints[size_t(r * T + t)]);
    mask[t] = int32_t(ref.get("attention_mask").ints[size_t(r * T + t)]);
    mask64[t] = mask[t];
  }
  m.forward({1, T, ids.data(), types.data(), mask.data()});
  const auto& h = ref.get("hidden_states." + std::to_string(m.layers())).data;
  const std::vector<float> row(h.begin() + r * T * C, h.begin() + (r + 1) * T * C);
  return relError(m.hiddenState(m.layers()), row, C, mask64);
}

}  // namespace

class TestBertCheckpoint : public QObject {
  Q_OBJECT

 private slots:
  void loadsTheFixture() {
    auto ck = BertCheckpoint::load(fixtureDir());
    QCOMPARE(QString::fromStdString(ck.architecture()), QString("BertForPreTraining"));
    const BertParts& p = ck.model().parts();
    QVERIFY(p.pooler && p.mlmHead && p.nspHead && p.tiedDecoder);
    QVERIFY(ck.extras().empty());
    QVERIFY(ck.hasVocab());
    QCOMPARE(ck.tokenizer().vocab().size(), int64_t(377));
    QVERIFY(ck.storedDType() == SafeDType::F32);
    QVERIFY(lastHiddenError(ck.model()) < 1e-4);
    std::unique_ptr<BertModel> owned = ck.takeModel();
    QVERIFY(owned && owned->params().contains("cls.seq_relationship.weight"));
  }

  void roundTripIsBitIdentical() {
    auto ck = BertCheckpoint::load(fixtureDir());
    QTemporaryDir a, b;
    BertCheckpoint::save(a.path().toStdString(), ck.model(), ck.tokenizer());
    // exactly the four files, no temporary left behind
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(a.path().toStdString())) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    QCOMPARE(names, (std::vector<std::string>{"config.json", "model.safetensors", "tokenizer_config.json", "vocab.txt"}));
    const auto saved = SafetensorsFile::read(a.path().toStdString() + "/model.safetensors");
    QVERIFY(!saved.contains("cls.predictions.decoder.weight"));  // tied: omitted, as transformers does
    QCOMPARE(saved.tensors().size(), ck.model().params().count());
    QCOMPARE(QString::fromStdString(saved.metadata().at("format")), QString("pt"));
    QCOMPARE(readFile(a.path().toStdString() + "/vocab.txt"), readFile(fixtureDir() + "/vocab.txt"));

    auto again = BertCheckpoint::load(a.path().toStdString());
    QVERIFY(sameParams(ck.model(), again.model()));
    QCOMPARE(QString::fromStdString(again.architecture()), QString("BertForPreTraining"));
    // The config saves back to the same JSON object as the fixture's.
    nlohmann::json orig, back;
    std::ifstream(fixtureDir() + "/config.json") >> orig;
    std::ifstream(a.path().toStdString() + "/config.json") >> back;
    QCOMPARE(QString::fromStdString(back.dump()), QString::fromStdString(orig.dump()));
    // Saving what was loaded gives the same bytes.
    BertCheckpoint::save(b.path().toStdString(), again.model(), again.tokenizer());
    for (const char* f : {"model.safetensors", "config.json", "vocab.txt", "tokenizer_config.json"})
      QVERIFY2(readFile(a.path().toStdString() + "/" + f) == readFile(b.path().toStdString() + "/" + f), f);
    // tokenizer options survive
    const auto tc = nlohmann::json::parse(readFile(a.path().toStdString() + "/tokenizer_config.json"));
    QCOMPARE(tc["do_lower_case"].get<bool>(), true);
  }

  void halfPrecisionFilesLoad_data() {
    QTest::addColumn<int>("dtype");
    QTest::newRow("F16") << int(SafeDType::F16);
    QTest::newRow("BF16") << int(SafeDType::BF16);
  }
  void halfPrecisionFilesLoad() {
    QFETCH(int, dtype);
    const SafeDType dt = SafeDType(dtype);
    Made m;
    makeCheckpoint(m, {}, {}, dt);
    auto ck = BertCheckpoint::load(m.dir());
    QVERIFY(ck.storedDType() == dt);
    auto ref = BertCheckpoint::load(fixtureDir());
    for (const auto& v : ref.model().params().views()) {
      const float* a = ref.model().params().data(v.name);
      const float* b = ck.model().params().data(v.name);
      for (size_t i = 0; i < v.size; ++i) {
        const float expect = dt == SafeDType::F16 ? halfToFloat(floatToHalf(a[i])) : bf16ToFloat(floatToBf16(a[i]));
        if (b[i] != expect) QFAIL((v.name + " differs from the rounded value").c_str());
      }
    }
    // Saved as half precision by us: the same values again.
    QTemporaryDir out;
    BertSaveOptions so;
    so.dtype = dt;
    BertCheckpoint::save(out.path().toStdString(), ck.model(), ck.tokenizer(), so);
    auto back = BertCheckpoint::load(out.path().toStdString());
    QVERIFY(sameParams(ck.model(), back.model()));
    QVERIFY(back.storedDType() == dt);
  }

  void bertModelWithoutPrefixOrHeads() {
    // What BertModel.save_pretrained writes: no "bert." prefix, no heads (here also no pooler).
    Made m;
    makeCheckpoint(
        m,
        [](std::string& n, std::vector<int64_t>&, std::vector<float>&) {
          if (n.rfind("cls.", 0) == 0 || n.rfind("bert.pooler.", 0) == 0) return false;
          n = n.substr(5);
          return true;
        },
        [](nlohmann::json& c) { c["architectures"] = {"BertModel"}; });
    auto ck = BertCheckpoint::load(m.dir());
    const BertParts& p = ck.model().parts();
    QVERIFY(!p.pooler && !p.mlmHead && !p.nspHead);
    QCOMPARE(QString::fromStdString(ck.architecture()), QString("BertModel"));
    QVERIFY(lastHiddenError(ck.model()) < 1e-4);
    QVERIFY(ck.model().pooled() == nullptr && ck.model().mlmLogits() == nullptr);

    // Asking for the heads: they are initialised, the encoder comes from the file.
    BertLoadOptions o;
    o.parts = BertParts();
    auto withHeads = BertCheckpoint::load(m.dir(), o);
    QVERIFY(withHeads.model().parts().mlmHead && withHeads.model().parts().nspHead);
    QVERIFY(lastHiddenError(withHeads.model()) < 1e-4);
    QCOMPARE(withHeads.model().params().data("cls.predictions.transform.LayerNorm.weight")[0], 1.0f);
    QVERIFY(withHeads.model().mlmLogits() != nullptr);

    // Saved, it has the prefix and says what it is.
    QTemporaryDir out;
    BertCheckpoint::save(out.path().toStdString(), ck.model(), ck.tokenizer());
    const auto saved = SafetensorsFile::read(out.path().toStdString() + "/model.safetensors");
    QVERIFY(saved.contains("bert.embeddings.word_embeddings.weight"));
    QVERIFY(!saved.contains("bert.pooler.dense.weight"));
    auto back = BertCheckpoint::load(out.path().toStdString());
    QVERIFY(sameParams(ck.model(), back.model()));
  }

  void maskedLmLayout() {
    // BertForMaskedLM: no pooler, no NSP head; the decoder's bias also under its alias name.
    Made m;
    makeCheckpoint(
        m,
        [](std::string& n, std::vector<int64_t>&, std::vector<float>&) {
          if (n.rfind("bert.pooler.", 0) == 0 || n.rfind("cls.seq_relationship.", 0) == 0) return false;
          if (n == "cls.predictions.bias") n = "cls.predictions.decoder.bias";
          return true;
        },
        [](nlohmann::json& c) { c["architectures"] = {"BertForMaskedLM"}; });
    auto ck = BertCheckpoint::load(m.dir());
    const BertParts& p = ck.model().parts();
    QVERIFY(!p.pooler && p.mlmHead && !p.nspHead && p.tiedDecoder);
    QCOMPARE(QString::fromStdString(ck.architecture()), QString("BertForMaskedLM"));
    QVERIFY(ck.extras().empty());
    const auto ref = SafetensorsFile::read(fixtureDir() + "/reference.safetensors");
    const int T = int(ref.get("input_ids").shape[1]);
    std::vector<int32_t> ids(T), mask(T);
    std::vector<int64_t> mask64(T);
    for (int t = 0; t < T; ++t) {
      ids[t] = int32_t(ref.get("input_ids").ints[size_t(T + t)]);  // batch row 1
      mask64[t] = mask[t] = int32_t(ref.get("attention_mask").ints[size_t(T + t)]);
    }
    ck.model().forward({1, T, ids.data(), nullptr, mask.data()});
    QVERIFY(ck.model().pooled() == nullptr && ck.model().nspLogits() == nullptr);
    const auto& logits = ref.get("prediction_logits").data;
    const std::vector<float> row(logits.begin() + T * 377, logits.begin() + 2 * T * 377);
    QVERIFY(relError(ck.model().mlmLogits(), row, 377, mask64) < 1e-4);
    QTemporaryDir out;
    BertCheckpoint::save(out.path().toStdString(), ck.model(), ck.tokenizer());
    auto back = BertCheckpoint::load(out.path().toStdString());
    QCOMPARE(QString::fromStdString(back.architecture()), QString("BertForMaskedLM"));
    QVERIFY(sameParams(ck.model(), back.model()));
  }

  void legacyGammaBetaNames() {
    Made m;
    makeCheckpoint(m, [](std::string& n, std::vector<int64_t>&, std::vector<float>&) {
      auto ends = [&](const std::string& s) { return n.size() > s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0; };
      if (ends("LayerNorm.weight")) n = n.substr(0, n.size() - 6) + "gamma";
      if (ends("LayerNorm.bias")) n = n.substr(0, n.size() - 4) + "beta";
      return true;
    });
    QVERIFY(SafetensorsFile::read(m.file("model.safetensors")).contains("bert.embeddings.LayerNorm.gamma"));
    auto ck = BertCheckpoint::load(m.dir());
    auto ref = BertCheckpoint::load(fixtureDir());
    QVERIFY(sameParams(ck.model(), ref.model()));
  }

  void tiedAndUntiedDecoders() {
    const auto f = SafetensorsFile::read(fixtureDir() + "/model.safetensors");
    const std::vector<float> word = f.get("bert.embeddings.word_embeddings.weight").data;
    {  // a decoder equal to the word embeddings: tied
      Made m;
      makeCheckpoint(m, {}, {}, SafeDType::F32, {{"cls.predictions.decoder.weight", word}});
      auto ck = BertCheckpoint::load(m.dir());
      QVERIFY(ck.model().parts().tiedDecoder);
      QVERIFY(ck.extras().empty());
    }
    // a different decoder: untied, and the logits use it
    std::vector<float> dec = word;
    for (size_t i = 0; i < dec.size(); ++i) dec[i] = 0.5f * dec[i] + 0.01f * float(i % 7);
    Made m;
    makeCheckpoint(m, {}, {}, SafeDType::F32, {{"cls.predictions.decoder.weight", dec}});
    auto ck = BertCheckpoint::load(m.dir());
    QVERIFY(!ck.model().parts().tiedDecoder);
    QCOMPARE(QString(ck.model().decoderWeightName()), QString("cls.predictions.decoder.weight"));
    QVERIFY(std::memcmp(ck.model().params().data("cls.predictions.decoder.weight"), dec.data(), dec.size() * 4) == 0);
    auto tied = BertCheckpoint::load(fixtureDir());
    const std::vector<int32_t> ids{7, 303, 21, 221, 10, 8};
    tied.model().forward({1, 6, ids.data(), nullptr, nullptr});
    ck.model().forward({1, 6, ids.data(), nullptr, nullptr});
    QVERIFY(std::memcmp(tied.model().hiddenState(2), ck.model().hiddenState(2), 6 * 64 * 4) == 0);
    QVERIFY(std::memcmp(tied.model().mlmLogits(), ck.model().mlmLogits(), 6 * 377 * 4) != 0);
    // saved untied: the decoder is written and the config says so
    QTemporaryDir out;
    BertCheckpoint::save(out.path().toStdString(), ck.model(), ck.tokenizer());
    QVERIFY(SafetensorsFile::read(out.path().toStdString() + "/model.safetensors").contains("cls.predictions.decoder.weight"));
    const auto cfg = nlohmann::json::parse(readFile(out.path().toStdString() + "/config.json"));
    QCOMPARE(cfg["tie_word_embeddings"].get<bool>(), false);
    auto back = BertCheckpoint::load(out.path().toStdString());
    QVERIFY(!back.model().parts().tiedDecoder);
    QVERIFY(sameParams(ck.model(), back.model()));
    // untied in the config but the decoder missing: an error naming the file
    Made bad;
    makeCheckpoint(bad, {}, [](nlohmann::json& c) { c["tie_word_embeddings"] = false; });
    expectError([&] { BertCheckpoint::load(bad.dir()); }, bad.file("model.safetensors"), "cls.predictions.decoder.weight");
  }

  void sequenceClassificationExtras() {
    // BertForSequenceClassification: encoder + pooler + classifier.weight (2,64) / .bias (2).
    Made m;
    std::vector<float> cw(128), cb{0.25f, -0.5f};
    for (size_t i = 0; i < cw.size(); ++i) cw[i] = 0.01f * float(i);
    makeCheckpoint(
        m, [](std::string& n, std::vector<int64_t>&, std::vector<float>&) { return n.rfind("cls.", 0) != 0; },
        [](nlohmann::json& c) { c["architectures"] = {"BertForSequenceClassification"}; }, SafeDType::F32,
        {{"classifier.weight", cw}});
    {  // add the bias (shape (2)) by rewriting the file with it
      const auto f = SafetensorsFile::read(m.file("model.safetensors"));
      SafetensorsWriter w;
      for (const auto& t : f.tensors()) w.add(t.name, t.shape, t.data.data());
      w.add("classifier.bias", {2}, cb.data());
      w.write(m.file("model.safetensors"));
    }
    auto ck = BertCheckpoint::load(m.dir());
    QCOMPARE(QString::fromStdString(ck.architecture()), QString("BertForSequenceClassification"));
    QVERIFY(ck.model().parts().pooler && !ck.model().parts().mlmHead);
    QCOMPARE(ck.extras().size(), size_t(2));
    QCOMPARE(ck.extras().at("classifier.weight").shape, (std::vector<int64_t>{2, 64}));
    QVERIFY(ck.extras().at("classifier.weight").data == cw);
    QVERIFY(ck.extras().at("classifier.bias").data == cb);
    QVERIFY(!ck.model().params().contains("classifier.weight"));

    BertLoadOptions o;
    o.extrasIntoModel = true;
    auto into = BertCheckpoint::load(m.dir(), o);
    QVERIFY(into.extras().empty());
    QVERIFY(std::memcmp(into.model().params().data("classifier.weight"), cw.data(), cw.size() * 4) == 0);
    QVERIFY(!into.model().params().view("classifier.bias").decay);
    QTemporaryDir out;
    BertCheckpoint::save(out.path().toStdString(), into.model(), into.tokenizer());
    auto back = BertCheckpoint::load(out.path().toStdString());
    QCOMPARE(QString::fromStdString(back.architecture()), QString("BertForSequenceClassification"));
    QVERIFY(back.extras().at("classifier.bias").data == cb);
    // or written from outside the model's store
    QTemporaryDir out2;
    BertSaveOptions so;
    so.extras = ck.extras();
    BertCheckpoint::save(out2.path().toStdString(), ck.model(), ck.tokenizer(), so);
    auto back2 = BertCheckpoint::load(out2.path().toStdString());
    QVERIFY(back2.extras().at("classifier.weight").data == cw);
    QVERIFY(sameParams(ck.model(), back2.model()));
  }

  void shardedCheckpoint() {
    Made m;
    makeCheckpoint(m);
    const auto f = SafetensorsFile::read(m.file("model.safetensors"));
    SafetensorsWriter a, b;
    nlohmann::json index;
    int i = 0;
    for (const auto& t : f.tensors()) {
      const bool first = (i++ % 2) == 0;
      (first ? a : b).add(t.name, t.shape, t.data.data());
      index["weight_map"][t.name] = first ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
    }
    a.write(m.file("model-00001-of-00002.safetensors"));
    b.write(m.file("model-00002-of-00002.safetensors"));
    writeFile(m.file("model.safetensors.index.json"), index.dump());
    fs::remove(m.file("model.safetensors"));
    auto ck = BertCheckpoint::load(m.dir());
    QVERIFY(sameParams(ck.model(), BertCheckpoint::load(fixtureDir()).model()));
  }

  void tokenizerConfigIsRead() {
    Made m;
    makeCheckpoint(m);
    writeFile(m.file("tokenizer_config.json"), "{\"do_lower_case\": false}");
    auto ck = BertCheckpoint::load(m.dir());
    QVERIFY(!ck.tokenizer().options().lowercase);
    const auto e = ck.tokenizer().encode("Hello");
    QVERIFY(e.tokens.at(1) != "hello");  // not lowercased
  }

  void errorsNameTheFile() {
    {  // not bert
      Made m;
      makeCheckpoint(m, {}, [](nlohmann::json& c) { c["model_type"] = "roberta"; });
      expectError([&] { BertCheckpoint::load(m.dir()); }, m.file("config.json"), "roberta");
    }
    {  // a shape that does not match the config
      Made m;
      makeCheckpoint(m, {}, [](nlohmann::json& c) { c["intermediate_size"] = 96; });
      expectError([&] { BertCheckpoint::load(m.dir()); }, m.file("model.safetensors"), "intermediate.dense.weight");
    }
    {  // a required tensor missing
      Made m;
      makeCheckpoint(m, [](std::string& n, std::vector<int64_t>&, std::vector<float>&) {
        return n != "bert.encoder.layer.1.output.dense.weight";
      });
      expectError([&] { BertCheckpoint::load(m.dir()); }, m.file("model.safetensors"),
                  "'bert.encoder.layer.1.output.dense.weight' is missing");
    }
    {  // part of the MLM head missing
      Made m;
      makeCheckpoint(m, [](std::string& n, std::vector<int64_t>&, std::vector<float>&) {
        return n != "cls.predictions.transform.dense.bias";
      });
      expectError([&] { BertCheckpoint::load(m.dir()); }, m.file("model.safetensors"), "transform.dense.bias");
    }
    {  // more layers than the config
      Made m;
      makeCheckpoint(m, {}, [](nlohmann::json& c) { c["num_hidden_layers"] = 1; });
      expectError([&] { BertCheckpoint::load(m.dir()); }, m.file("model.safetensors"), "num_hidden_layers 1");
    }
    {  // a weight stored as integers
      Made m;
      makeCheckpoint(m, [](std::string& n, std::vector<int64_t>&, std::vector<float>&) {
        return n != "bert.pooler.dense.bias";
      });
      const auto f = SafetensorsFile::read(m.file("model.safetensors"));
      SafetensorsWriter w;
      for (const auto& t : f.tensors()) w.add(t.name, t.shape, t.data.data());
      std::vector<int64_t> bias(64, 1);
      w.addInts("bert.pooler.dense.bias", {64}, bias.data());
      w.write(m.file("model.safetensors"));
      expectError([&] { BertCheckpoint::load(m.dir()); }, m.file("model.safetensors"), "integer");
    }
    {  // files missing
      Made m;
      makeCheckpoint(m);
      fs::remove(m.file("vocab.txt"));
      expectError([&] { BertCheckpoint::load(m.dir()); }, m.file("vocab.txt"), "not found");
      BertLoadOptions o;
      o.requireVocab = false;
      QVERIFY(!BertCheckpoint::load(m.dir(), o).hasVocab());
      fs::remove(m.file("model.safetensors"));
      expectError([&] { BertCheckpoint::load(m.dir()); }, m.file("model.safetensors"), "not found");
      writeFile(m.file("pytorch_model.bin"), "PK");
      expectError([&] { BertCheckpoint::load(m.dir()); }, m.file("model.safetensors"), "pytorch_model.bin");
      fs::remove(m.file("config.json"));
      expectError([&] { BertCheckpoint::load(m.dir()); }, m.file("config.json"), "cannot open");
      expectError([&] { BertCheckpoint::load(m.file("nothing")); }, m.file("nothing"), "not a model directory");
    }
    {  // a vocabulary larger than the embedding table
      Made m;
      makeCheckpoint(m);
      writeFile(m.file("vocab.txt"), readFile(m.file("vocab.txt")) + "extra1\nextra2\n");
      expectError([&] { BertCheckpoint::load(m.dir()); }, m.file("vocab.txt"), "vocab_size 377");
    }
  }

  void corruptSafetensorsNameTheFile() {
    // Safetensors validates the bytes; the loader's message must still name the file.
    Made m;
    makeCheckpoint(m);
    const std::string path = m.file("model.safetensors");
    const std::string good = readFile(path);
    auto withHeader = [&](const std::string& header, size_t dataBytes) {
      std::string s(8, '\0');
      const uint64_t n = header.size();
      std::memcpy(s.data(), &n, 8);
      return s + header + std::string(dataBytes, '\0');
    };
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"header length past the end", std::string("\xff\xff\xff\x00\x00\x00\x00\x00", 8) + "{}"},
        {"truncated", good.substr(0, good.size() / 2)},
        {"offsets out of range",
         withHeader("{\"bert.embeddings.word_embeddings.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],"
                    "\"data_offsets\":[0,999]}}",
                    16)},
        {"dtype and shape not matching the bytes",
         withHeader("{\"bert.embeddings.word_embeddings.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],"
                    "\"data_offsets\":[0,16]}}",
                    16)},
        {"overlapping tensors",
         withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                    "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}",
                    16)},
        {"header not JSON", withHeader("{not json", 0)},
        {"empty file", ""},
    };
    for (const auto& [what, bytes] : cases) {
      writeFile(path, bytes);
      try {
        BertCheckpoint::load(m.dir());
        QFAIL(("no error for " + what).c_str());
      } catch (const Error& e) {
        const std::string msg = e.what();
        QVERIFY2(msg.find(path) != std::string::npos, (what + ": " + msg).c_str());
      }
    }
  }
};

QTEST_APPLESS_MAIN(TestBertCheckpoint)
#include "test_bert_checkpoint.moc"
