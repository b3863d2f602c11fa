// A saved ELMo model describes itself: save() then load() gives back every option, the tokenizer
// options, the vocabulary and bit-identical parameters (so identical representations); a model
// written by the trainer loads; every broken directory is an Error naming the file and problem.
#include <QtTest/QtTest>

#include <QTemporaryDir>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/io/Safetensors.h"
#include "core/models/elmo/ElmoCheckpoint.h"
#include "core/models/elmo/ElmoTrainer.h"
#include "core/util/Error.h"

using namespace embedlab;
using namespace embedlab::elmo;

namespace {

ElmoOptions oddOptions() {
  // Every field away from its default, so that a field the config forgets shows.
  ElmoOptions o;
  o.charEmbed = 5;
  o.maxChars = 12;
  o.filters = {{1, 3}, {3, 4}, {4, 2}};
  o.activation = nn::Activation::Tanh;
  o.highway = 2;
  o.projection = 6;
  o.lstmHidden = 7;
  o.layers = 2;
  o.cellClip = 2.5f;
  o.projClip = 1.5f;
  o.sampled = 3;
  return o;
}

ElmoVocabulary smallVocabulary() {
  return ElmoVocabulary::fromWords({"the", "cat", "sat", "on", "mat"});
}

// Expects fn() to throw Error whose message contains every piece.
template <class Fn>
void expectError(Fn fn, const std::vector<std::string>& pieces) {
  try {
    fn();
    QFAIL("no error");
  } catch (const Error& e) {
    const std::string m = e.what();
    for (const auto& p : pieces) QVERIFY2(m.find(p) != std::string::npos, (m + " lacks " + p).c_str());
  }
}

void copyFile(const std::string& from, const std::string& to) {
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
}

}  // namespace

class TestElmoCheckpoint : public QObject {
  Q_OBJECT

 private slots:
  void roundTripsEveryField() {
    QTemporaryDir dir;
    const std::string d = dir.filePath("model").toStdString();
    const ElmoVocabulary vocab = smallVocabulary();
    ElmoModel model(oddOptions(), vocab.size(), 7);
    Tokenizer::Options tok;
    tok.preTokenized = true;
    tok.lowercase = false;
    tok.keepPunctuation = false;
    ElmoCheckpoint::save(d, model, vocab, tok);

    const ElmoBundle b = ElmoCheckpoint::load(d);
    const ElmoOptions& o = b.model->options();
    const ElmoOptions e = oddOptions();
    QCOMPARE(o.charEmbed, e.charEmbed);
    QCOMPARE(o.maxChars, e.maxChars);
    QCOMPARE(o.filters.size(), e.filters.size());
    for (size_t i = 0; i < e.filters.size(); ++i) {
      QCOMPARE(o.filters[i].width, e.filters[i].width);
      QCOMPARE(o.filters[i].count, e.filters[i].count);
    }
    QVERIFY(o.activation == e.activation);
    QCOMPARE(o.highway, e.highway);
    QCOMPARE(o.projection, e.projection);
    QCOMPARE(o.lstmHidden, e.lstmHidden);
    QCOMPARE(o.layers, e.layers);
    QCOMPARE(o.cellClip, e.cellClip);
    QCOMPARE(o.projClip, e.projClip);
    QCOMPARE(o.sampled, e.sampled);
    QCOMPARE(b.model->vocabSize(), vocab.size());
    QVERIFY(b.vocabulary.words() == vocab.words());
    QCOMPARE(b.tokenizer.preTokenized, true);
    QCOMPARE(b.tokenizer.lowercase, false);
    QCOMPARE(b.tokenizer.keepPunctuation, false);

    const auto& p = model.params();
    const auto& q = b.model->params();
    QCOMPARE(q.bufferSize(), p.bufferSize());
    QVERIFY(std::equal(p.params(), p.params() + p.bufferSize(), q.params()));
    const std::vector<std::string> sentence = {"the", "cat", "sat"};
    QVERIFY(model.representations(sentence) == b.model->representations(sentence));
  }

  void configJsonRoundTripsAndRejectsBadValues() {
    ElmoConfig c{oddOptions(), 9, {}};
    const ElmoConfig back = ElmoCheckpoint::configFromJson(ElmoCheckpoint::configToJson(c), "x.json");
    QCOMPARE(back.vocabSize, 9);
    QCOMPARE(ElmoCheckpoint::configToJson(back), ElmoCheckpoint::configToJson(c));
    expectError([] { ElmoCheckpoint::configFromJson("{not json", "cfg"); }, {"cfg", "not a JSON object"});
    std::string j = ElmoCheckpoint::configToJson(c);
    auto with = [&](const std::string& from, const std::string& to) {
      std::string s = j;
      const size_t at = s.find(from);
      if (at == std::string::npos) qFatal("%s not in %s", from.c_str(), s.c_str());
      return s.replace(at, from.size(), to);
    };
    expectError([&] { ElmoCheckpoint::configFromJson(with("\"projection\":6", "\"projection\":0"), "cfg"); },
                {"cfg", "bad ELMo configuration"});
    expectError([&] { ElmoCheckpoint::configFromJson(with("\"projection\":6", "\"projection\":\"6\""), "cfg"); },
                {"cfg", "projection"});
    expectError([&] { ElmoCheckpoint::configFromJson(with("\"projection\":6,", ""), "cfg"); },
                {"cfg", "lacks \"projection\""});
    expectError([&] { ElmoCheckpoint::configFromJson(with("[1,3]", "[1]"), "cfg"); }, {"cfg", "filters"});
    expectError([&] { ElmoCheckpoint::configFromJson(with("\"tanh\"", "\"gelu\""), "cfg"); },
                {"cfg", "activation"});
    expectError([&] { ElmoCheckpoint::configFromJson(with("\"version\":1", "\"version\":9"), "cfg"); },
                {"cfg", "version 9"});
    expectError([&] { ElmoCheckpoint::configFromJson(with("\"lstm_hidden\":7", "\"lstm_hidden\":100000000"), "cfg"); },
                {"cfg", "bad ELMo configuration"});
  }

  void brokenDirectoriesNameTheFile() {
    QTemporaryDir dir;
    const std::string good = dir.filePath("good").toStdString();
    const ElmoVocabulary vocab = smallVocabulary();
    ElmoModel model(oddOptions(), vocab.size(), 1);
    ElmoCheckpoint::save(good, model, vocab, {});

    expectError([&] { ElmoCheckpoint::load(dir.filePath("nowhere").toStdString()); },
                {"nowhere", "not a directory"});
    const std::string empty = dir.filePath("empty").toStdString();
    std::filesystem::create_directories(empty);
    expectError([&] { ElmoCheckpoint::load(empty); }, {"empty/model.safetensors", "no such file"});

    const std::string noVocab = dir.filePath("novocab").toStdString();
    std::filesystem::create_directories(noVocab);
    copyFile(good + "/model.safetensors", noVocab + "/model.safetensors");
    expectError([&] { ElmoCheckpoint::load(noVocab); }, {"novocab/vocab.txt", "no such file"});

    // A vocabulary of another size than the model's softmax.
    const std::string otherVocab = dir.filePath("othervocab").toStdString();
    std::filesystem::create_directories(otherVocab);
    copyFile(good + "/model.safetensors", otherVocab + "/model.safetensors");
    ElmoVocabulary::fromWords({"a"}).save(otherVocab + "/vocab.txt");
    expectError([&] { ElmoCheckpoint::load(otherVocab); }, {"othervocab/vocab.txt", "4 words", "8"});

    // Truncated model file.
    const std::string cut = dir.filePath("cut").toStdString();
    std::filesystem::create_directories(cut);
    copyFile(good + "/vocab.txt", cut + "/vocab.txt");
    {
      std::ifstream in(good + "/model.safetensors", std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::ofstream(cut + "/model.safetensors", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    }
    expectError([&] { ElmoCheckpoint::load(cut); }, {"cut/model.safetensors"});

    // A tensor of the wrong shape, and a file without the configuration.
    const SafetensorsFile f = SafetensorsFile::read(good + "/model.safetensors");
    auto rewrite = [&](const std::string& name, bool dropConfig, bool reshape) {
      const std::string d = dir.filePath(QString::fromStdString(name)).toStdString();
      std::filesystem::create_directories(d);
      copyFile(good + "/vocab.txt", d + "/vocab.txt");
      SafetensorsWriter w;
      for (const auto& t : f.tensors()) {
        if (reshape && t.name == "proj.bias") {
          std::vector<float> v(t.data.size() + 1, 0.0f);
          w.add(t.name, {t.numel() + 1}, v.data());
        } else {
          w.add(t.name, t.shape, t.data.data());
        }
      }
      for (const auto& [k, v] : f.metadata())
        if (!dropConfig || k != ElmoCheckpoint::kConfigKey) w.setMetadata(k, v);
      w.write(d + "/model.safetensors");
      return d;
    };
    const std::string shaped = rewrite("shape", false, true);
    expectError([&] { ElmoCheckpoint::load(shaped); }, {"shape/model.safetensors", "proj.bias", "[7]", "[6]"});
    const std::string noConfig = rewrite("noconfig", true, false);
    expectError([&] { ElmoCheckpoint::load(noConfig); }, {"noconfig/model.safetensors", "elmo_config"});
  }

  void trainerOutputLoads() {
    QTemporaryDir dir;
    const std::string corpus = dir.filePath("c.txt").toStdString();
    {
      std::ofstream out(corpus);
      for (int i = 0; i < 120; ++i) out << "the cat sat on the mat number " << i % 7 << " .\n";
    }
    ElmoTrainerOptions o;
    o.corpusFiles = {corpus};
    o.outDir = dir.filePath("run").toStdString();
    o.model.charEmbed = 4;
    o.model.maxChars = 10;
    o.model.filters = {{1, 4}, {2, 4}};
    o.model.projection = 8;
    o.model.lstmHidden = 8;
    o.seqLen = 5;
    o.batch = 4;
    o.threads = 1;
    o.tokenizer.keepPunctuation = false;
    ElmoTrainer t(o);
    StopToken token;
    const JobResult r = t.run({}, token);
    QVERIFY2(r.status == JobStatus::Finished, r.message.c_str());
    const ElmoBundle b = ElmoCheckpoint::load(o.outDir);
    QCOMPARE(b.model->options().projection, 8);
    QCOMPARE(b.tokenizer.keepPunctuation, false);
    QCOMPARE(b.vocabulary.size(), t.vocabulary().size());
    const std::vector<std::string> s = {"the", "cat"};
    QVERIFY(b.model->representations(s) == t.model()->representations(s));
  }
};

QTEST_APPLESS_MAIN(TestElmoCheckpoint)
#include "test_elmo_checkpoint.moc"
