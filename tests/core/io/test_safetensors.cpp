// Safetensors reader and writer: round trips, half-precision conversion, the real bert-tiny
// checkpoint, and every corrupt-file case giving an Error that names the file.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <random>

#include <nlohmann/json.hpp>

#include "core/io/Safetensors.h"
#include "core/util/Error.h"
#include "support/TestPaths.h"

using namespace embedlab;

namespace {

std::string fileBytes(const std::string& header, const std::string& data) {
  std::string out;
  const uint64_t n = header.size();
  out.append(reinterpret_cast<const char*>(&n), 8);
  return out + header + data;
}

void writeRaw(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

class TestSafetensors : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  std::string path(const char* name) { return (dir_.path() + "/" + name).toStdString(); }

  // Writes `bytes` to a file and expects read() to fail with a message naming the file and
  // containing `fragment`.
  void expectError(const std::string& bytes, const std::string& fragment) {
    const std::string p = path("corrupt.safetensors");
    writeRaw(p, bytes);
    try {
      SafetensorsFile::read(p);
      QFAIL(("no error for a file that should give: " + fragment).c_str());
    } catch (const Error& e) {
      const std::string msg = e.what();
      QVERIFY2(msg.find(p) != std::string::npos, msg.c_str());
      QVERIFY2(msg.find(fragment) != std::string::npos, msg.c_str());
    }
  }

 private slots:
  void roundTripF32AndInts() {
    SafetensorsWriter w;
    const std::vector<float> a = {1.f, -2.5f, 3.25f, 0.f, 1e-30f, 6.f};
    const std::vector<int64_t> ids = {101, -100, 7};
    w.add("layer.weight", {2, 3}, a.data());
    w.addInts("ids", {3}, ids.data());
    w.addInts("ids32", {3}, ids.data(), SafeDType::I32);
    w.add("scalar", {}, a.data());
    w.add("empty", {0, 4}, nullptr);
    w.setMetadata("format", "pt");
    w.write(path("rt.safetensors"));

    const auto f = SafetensorsFile::read(path("rt.safetensors"));
    QCOMPARE(f.tensors().size(), size_t(5));
    QCOMPARE(f.metadata().at("format"), std::string("pt"));
    const auto& t = f.get("layer.weight", {2, 3});
    QCOMPARE(t.dtype, SafeDType::F32);
    QVERIFY(t.data == a);
    QVERIFY(f.get("ids").ints == ids);
    QVERIFY(f.get("ids32").ints == ids);
    QCOMPARE(f.get("ids").data[1], -100.f);
    QCOMPARE(f.get("scalar").numel(), int64_t(1));
    QCOMPARE(f.get("empty").numel(), int64_t(0));
    QVERIFY(f.find("nope") == nullptr);
    QVERIFY(f.names() == (std::vector<std::string>{"layer.weight", "ids", "ids32", "scalar", "empty"}));
    // data start 8-byte aligned
    std::ifstream in(path("rt.safetensors"), std::ios::binary);
    uint64_t n = 0;
    in.read(reinterpret_cast<char*>(&n), 8);
    QCOMPARE(n % 8, uint64_t(0));
  }

  void missingTensorAndShapeMismatchNameTheFile() {
    SafetensorsWriter w;
    const float x[2] = {1, 2};
    w.add("x", {2}, x);
    w.write(path("s.safetensors"));
    const auto f = SafetensorsFile::read(path("s.safetensors"));
    QVERIFY_THROWS_EXCEPTION(Error, f.get("y"));
    try {
      f.get("x", {1, 2});
      QFAIL("no shape error");
    } catch (const Error& e) {
      QVERIFY(std::string(e.what()).find("s.safetensors") != std::string::npos);
      QVERIFY(std::string(e.what()).find("[2]") != std::string::npos);
    }
    QVERIFY_THROWS_EXCEPTION(UsageError, w.add("x", {2}, x));
  }

  void halfAndBfloatConversion() {
    // exact values survive both directions
    const std::vector<float> exact = {0.f, -0.f, 1.f, -2.f, 0.5f, 65504.f, 6.103515625e-05f,
                                      5.960464477539063e-08f /* smallest subnormal half */};
    for (float v : exact) {
      QCOMPARE(halfToFloat(floatToHalf(v)), v);
      QVERIFY(std::signbit(halfToFloat(floatToHalf(v))) == std::signbit(v));
    }
    QCOMPARE(floatToHalf(1.f), uint16_t(0x3c00));
    QCOMPARE(floatToHalf(-2.f), uint16_t(0xc000));
    QCOMPARE(floatToHalf(65504.f), uint16_t(0x7bff));
    QCOMPARE(floatToHalf(1e6f), uint16_t(0x7c00));       // overflow -> inf
    QCOMPARE(floatToHalf(65520.f), uint16_t(0x7c00));    // rounds up to inf
    QCOMPARE(floatToHalf(1e-10f), uint16_t(0));          // underflow -> 0
    QVERIFY(std::isnan(halfToFloat(floatToHalf(std::numeric_limits<float>::quiet_NaN()))));
    QVERIFY(std::isinf(halfToFloat(0x7c00)));
    // round to nearest even: 1 + 2^-11 is halfway between 1 and 1+2^-10 -> 1
    QCOMPARE(floatToHalf(1.f + std::ldexp(1.f, -11)), uint16_t(0x3c00));
    QCOMPARE(floatToHalf(1.f + 3 * std::ldexp(1.f, -11)), uint16_t(0x3c02));
    QCOMPARE(halfToFloat(0x3555), 0.333251953125f);
    QCOMPARE(bf16ToFloat(0x3f80), 1.f);
    QCOMPARE(floatToBf16(1.f), uint16_t(0x3f80));
    QCOMPARE(floatToBf16(-3.140625f), uint16_t(0xc049));
    QCOMPARE(floatToBf16(1.f + std::ldexp(1.f, -8)), uint16_t(0x3f80));  // tie -> even
    QVERIFY(std::isnan(bf16ToFloat(floatToBf16(std::numeric_limits<float>::quiet_NaN()))));

    // through files: relative error within each format's precision
    std::vector<float> v(257);
    for (size_t i = 0; i < v.size(); ++i) v[i] = std::sin(0.37f * i) * std::pow(1.07f, float(i % 50));
    SafetensorsWriter w;
    w.add("h", {257}, v.data(), SafeDType::F16);
    w.add("b", {257}, v.data(), SafeDType::BF16);
    w.add("d", {257}, v.data(), SafeDType::F64);
    w.write(path("half.safetensors"));
    const auto f = SafetensorsFile::read(path("half.safetensors"));
    QCOMPARE(f.get("h").dtype, SafeDType::F16);
    QCOMPARE(f.get("b").dtype, SafeDType::BF16);
    for (size_t i = 0; i < v.size(); ++i) {
      QVERIFY(std::fabs(f.get("h").data[i] - v[i]) <= std::fabs(v[i]) * 1e-3f + 1e-7f);
      QVERIFY(std::fabs(f.get("b").data[i] - v[i]) <= std::fabs(v[i]) * 8e-3f);
      QCOMPARE(f.get("d").data[i], v[i]);
    }
  }

  void corruptFiles() {
    const std::string good = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
    const std::string data8(8, '\0');
    {  // sanity: the hand-made good file reads
      const std::string p = path("good.safetensors");
      writeRaw(p, fileBytes(good, data8));
      QCOMPARE(SafetensorsFile::read(p).get("a").numel(), int64_t(2));
    }
    expectError("abc", "shorter than");
    expectError("", "shorter than");
    {  // header length past the end
      std::string b = fileBytes(good, data8);
      const uint64_t n = 500;
      std::memcpy(b.data(), &n, 8);
      expectError(b, "past the end");
    }
    {  // absurd header length
      std::string b = fileBytes(good, data8);
      const uint64_t n = uint64_t(1) << 62;
      std::memcpy(b.data(), &n, 8);
      expectError(b, "absurd");
    }
    expectError(fileBytes("{\"a\": [1, 2", data8), "bad JSON");
    expectError(fileBytes("[1,2]", ""), "not a JSON object");
    expectError(fileBytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,16]}})", data8),
                "past the end of the data");
    expectError(fileBytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}})", data8),
                "backwards");
    expectError(fileBytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4],"x":1},)"
                          R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                          std::string(12, '\0')),
                "need 8 bytes");
    expectError(fileBytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                          R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                          std::string(12, '\0')),
                "overlaps");
    expectError(fileBytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                          R"("b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})",
                          std::string(8, '\0')),
                "overlaps");
    expectError(fileBytes(good, std::string(12, '\0')), "do not cover");
    expectError(fileBytes(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", data8),
                "do not cover");
    expectError(fileBytes(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", data8),
                "need 12 bytes");
    expectError(fileBytes(R"({"a":{"dtype":"F16","shape":[2],"data_offsets":[0,8]}})", data8),
                "need 4 bytes");
    expectError(fileBytes(R"({"a":{"dtype":"Q4","shape":[2],"data_offsets":[0,8]}})", data8),
                "unknown dtype");
    expectError(fileBytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                          R"("a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}})",
                          std::string(16, '\0')),
                "appears twice");
    expectError(fileBytes(R"({"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", data8),
                "shape");
    expectError(fileBytes(R"({"a":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],)"
                          R"("data_offsets":[0,8]}})",
                          data8),
                "absurdly large");
    expectError(fileBytes(R"({"a":{"dtype":"F32","shape":[2]}})", data8), "data_offsets");
    expectError(fileBytes(R"({"__metadata__":{"k":1},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})",
                          data8),
                "__metadata__");
    // A missing file names itself too.
    QVERIFY_THROWS_EXCEPTION(Error, SafetensorsFile::read(path("does-not-exist.safetensors")));
  }

  void randomDamageNeverCrashes() {
    // Bytes flipped, truncated or appended anywhere: parse() either succeeds (the damage hit the
    // data or header padding) or throws Error naming the source -- never anything else.
    SafetensorsWriter w;
    const std::vector<float> a = {1, 2, 3, 4, 5, 6};
    const std::vector<int64_t> ids = {1, 2, 3};
    w.add("a", {2, 3}, a.data(), SafeDType::F16);
    w.addInts("ids", {3}, ids.data());
    w.setMetadata("k", "v");
    const std::string good = w.serialize();
    std::mt19937 rng(5);
    int errors = 0;
    for (int i = 0; i < 3000; ++i) {
      std::string bad = good;
      switch (i % 3) {
        case 0:
          for (int k = 0; k < 1 + int(rng() % 3); ++k) bad[rng() % bad.size()] = char(rng() & 0xff);
          break;
        case 1: bad.resize(rng() % bad.size()); break;
        default: bad += std::string(1 + rng() % 9, char(rng() & 0xff)); break;
      }
      try {
        SafetensorsFile::parse(bad, "damaged.safetensors");
      } catch (const Error& e) {
        QVERIFY(std::string(e.what()).rfind("damaged.safetensors: ", 0) == 0);
        ++errors;
      }
    }
    QVERIFY(errors > 1500);
  }

  void bertTinyCheckpoint() {
    const std::string dir = test::fixturesDir() + "/bert-tiny";
    const auto f = SafetensorsFile::read(dir + "/model.safetensors");
    nlohmann::json config;
    std::ifstream(dir + "/config.json") >> config;
    const int64_t H = config["hidden_size"], L = config["num_hidden_layers"],
                  V = config["vocab_size"], I = config["intermediate_size"],
                  P = config["max_position_embeddings"], TV = config["type_vocab_size"];
    QCOMPARE(H, int64_t(64));
    QCOMPARE(L, int64_t(2));
    QCOMPARE(V, int64_t(377));
    QCOMPARE(f.metadata().at("format"), std::string("pt"));
    // 5 embedding + 16 per layer + 2 pooler + 5 MLM head + 2 NSP head (decoder tied: absent)
    QCOMPARE(int64_t(f.tensors().size()), 5 + 16 * L + 2 + 5 + 2);
    f.get("bert.embeddings.word_embeddings.weight", {V, H});
    f.get("bert.embeddings.position_embeddings.weight", {P, H});
    f.get("bert.embeddings.token_type_embeddings.weight", {TV, H});
    f.get("bert.embeddings.LayerNorm.weight", {H});
    f.get("bert.embeddings.LayerNorm.bias", {H});
    for (int64_t l = 0; l < L; ++l) {
      const std::string p = "bert.encoder.layer." + std::to_string(l) + ".";
      for (const char* qkv : {"query", "key", "value"}) {
        f.get(p + "attention.self." + qkv + ".weight", {H, H});
        f.get(p + "attention.self." + qkv + ".bias", {H});
      }
      f.get(p + "attention.output.dense.weight", {H, H});
      f.get(p + "attention.output.dense.bias", {H});
      f.get(p + "attention.output.LayerNorm.weight", {H});
      f.get(p + "attention.output.LayerNorm.bias", {H});
      f.get(p + "intermediate.dense.weight", {I, H});
      f.get(p + "intermediate.dense.bias", {I});
      f.get(p + "output.dense.weight", {H, I});
      f.get(p + "output.dense.bias", {H});
      f.get(p + "output.LayerNorm.weight", {H});
      f.get(p + "output.LayerNorm.bias", {H});
    }
    f.get("bert.pooler.dense.weight", {H, H});
    f.get("cls.predictions.bias", {V});
    f.get("cls.predictions.transform.dense.weight", {H, H});
    f.get("cls.seq_relationship.weight", {2, H});
    QVERIFY(!f.contains("cls.predictions.decoder.weight"));
    // LayerNorm weights of a fresh init are near 1; a float that decoded wrongly would not be.
    for (float w : f.get("bert.embeddings.LayerNorm.weight").data) QVERIFY(std::isfinite(w));

    // The reference batch holds I64 token ids.
    const auto ref = SafetensorsFile::read(dir + "/reference.safetensors");
    const auto& ids = ref.get("input_ids");
    QCOMPARE(ids.dtype, SafeDType::I64);
    QCOMPARE(ids.shape.size(), size_t(2));
    QCOMPARE(ids.ints[0], int64_t(7));  // [CLS]
    for (int64_t id : ids.ints) QVERIFY(id >= 0 && id < V);

    // Re-writing the checkpoint gives a file that reads back identical.
    SafetensorsWriter w;
    for (const auto& t : f.tensors()) w.add(t.name, t.shape, t.data.data());
    w.setMetadata("format", "pt");
    w.write(path("copy.safetensors"));
    const auto g = SafetensorsFile::read(path("copy.safetensors"));
    for (const auto& t : f.tensors()) QVERIFY(g.get(t.name, t.shape).data == t.data);
  }
};

QTEST_APPLESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
