// Findings of tests/fuzz/fuzz_bert_dir, kept fixed. BertCheckpoint::load built the model from
// config.json's sizes before it compared them with the file's tensors, so a config.json of a few
// bytes could make it allocate terabytes (std::bad_alloc, not an Error; or the machine's memory):
// now every tensor that spans a dimension of the model is checked first, and the answer is an
// Error naming model.safetensors and the tensor. The sizes below are chosen so that the old code
// fails at once (an impossible allocation) instead of filling memory.
#include <QTemporaryDir>
#include <QtTest>

#include <cstdint>
#include <fstream>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/models/bert/BertCheckpoint.h"
#include "core/util/Error.h"

using namespace embedlab;

namespace {

// A tiny real checkpoint (C=4, 1 layer, 12 tokens) in `dir`, then config.json edited.
void makeCheckpoint(const std::string& dir, const std::function<void(nlohmann::json&)>& edit) {
  BertConfig c;
  c.vocabSize = 12;
  c.hiddenSize = 4;
  c.numHiddenLayers = 1;
  c.numAttentionHeads = 2;
  c.intermediateSize = 8;
  c.maxPositionEmbeddings = 8;
  BertModel model(c);
  model.initialize(1);
  const auto vocab = WordPieceVocab::fromTokens(
      {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "king", ",", ".", "un", "##aff", "##able"});
  BertCheckpoint::save(dir, model, WordPieceTokenizer(vocab));
  nlohmann::json j;
  std::ifstream(dir + "/config.json") >> j;
  edit(j);
  std::ofstream(dir + "/config.json", std::ios::trunc) << j.dump(2);
}

void expectError(const std::string& dir, const std::string& part1, const std::string& part2) {
  try {
    BertCheckpoint::load(dir);
    QFAIL("no Error");
  } catch (const Error& e) {
    const std::string m = e.what();
    QVERIFY2(m.find(dir + "/model.safetensors") != std::string::npos, m.c_str());
    QVERIFY2(m.find(part1) != std::string::npos, m.c_str());
    QVERIFY2(m.find(part2) != std::string::npos, m.c_str());
  }
}

}  // namespace

class TestBertFuzzRegressions : public QObject {
  Q_OBJECT
 private slots:
  void theSmallCheckpointLoads() {
    QTemporaryDir tmp;
    makeCheckpoint(tmp.path().toStdString(), [](nlohmann::json&) {});
    const auto ck = BertCheckpoint::load(tmp.path().toStdString());
    QCOMPARE(ck.config().vocabSize, int64_t(12));
  }

  // fuzz_bert_dir seed huge_config_small_file: vocab_size 2^30 x hidden_size 2^20.
  void hugeEmbeddingSizesAreAnError() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    makeCheckpoint(dir, [](nlohmann::json& j) {
      j["vocab_size"] = 1 << 30;
      j["hidden_size"] = 1 << 20;
    });
    expectError(dir, "'bert.embeddings.word_embeddings.weight' has shape [12, 4]", "expected [1073741824, 1048576]");
  }

  void hugePositionTableIsAnError() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    makeCheckpoint(dir, [](nlohmann::json& j) {
      j["max_position_embeddings"] = 1 << 30;
      j["num_hidden_layers"] = 1 << 30;
    });
    expectError(dir, "position_embeddings.weight' has shape [8, 4]", "expected [1073741824, 4]");
  }

  // num_hidden_layers 2^30 with a file of one layer: the layer the file lacks is named.
  void hugeLayerCountIsAnError() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    makeCheckpoint(dir, [](nlohmann::json& j) { j["num_hidden_layers"] = 1 << 30; });
    expectError(dir, "required tensor 'bert.encoder.layer.1.attention.self.query.weight' is missing", "layer.1");
  }

  void hugeIntermediateSizeIsAnError() {
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString();
    makeCheckpoint(dir, [](nlohmann::json& j) {
      j["intermediate_size"] = 1 << 30;
      j["num_hidden_layers"] = 1 << 30;
    });
    expectError(dir, "'bert.encoder.layer.0.intermediate.dense.weight' has shape [8, 4]", "expected [1073741824, 4]");
  }
};

QTEST_APPLESS_MAIN(TestBertFuzzRegressions)
#include "test_bert_fuzz_regressions.moc"
