// The BERT page on a real Hugging Face checkpoint (tests/fixtures/bert-tiny): it loads the
// directory, shows exactly the WordPieces of Hugging Face's tokenizer for the fixture sentences
// (pairs too), attention rows that sum to 1 and equal the reference attention maps, a token
// similarity map, and the occurrences of a word in a corpus sample sent to the explorer.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

#include "core/embeddings/EmbeddingSet.h"
#include "core/io/Safetensors.h"
#include "core/util/Error.h"
#include "support/TestPaths.h"
#include "ui/bert/AttentionHeatmap.h"
#include "ui/bert/BertSession.h"
#include "ui/models/ModelOptionsForm.h"
#include "ui/models/ModelRegistry.h"
#include "ui/pages/BertPage.h"

using embedlab::EmbeddingSet;
using embedlab::ui::AttentionHeatmap;
using embedlab::ui::BertPage;
using embedlab::ui::BertSession;

Q_DECLARE_METATYPE(std::shared_ptr<const embedlab::EmbeddingSet>)

namespace {

QString fixture() { return QString::fromStdString(embedlab::test::fixturesDir()) + QStringLiteral("/bert-tiny"); }

QJsonArray referenceTokenization() {
  QFile f(fixture() + QStringLiteral("/reference.json"));
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("tokenization")).toArray();
}

bool loadFixture(BertPage& page) {
  QSignalSpy loaded(&page, &BertPage::modelLoaded);
  QSignalSpy failed(&page, &BertPage::failed);
  if (!page.openModel(fixture())) return false;
  if (loaded.wait(10000)) return true;
  if (!failed.isEmpty()) qWarning() << failed.first().first().toString();
  return false;
}

bool analyze(BertPage& page, const QString& text, const QString& pair = QString()) {
  page.setSentence(text, pair);
  QSignalSpy ready(&page, &BertPage::analysisReady);
  QSignalSpy failed(&page, &BertPage::failed);
  if (!page.analyze()) return false;
  if (ready.wait(10000)) return true;
  if (!failed.isEmpty()) qWarning() << failed.first().first().toString();
  return false;
}

}  // namespace

class TestBertPage : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase();
  void loadsTheCheckpoint();
  void tokensEqualTheReference();
  void attentionRowsSumToOneAndMatchTheReference();
  void similarityIsACosineMatrix();
  void occurrencesGoToTheExplorer();
  void badDirectoryIsAMessage();
  void registryEntry();
};

void TestBertPage::initTestCase() {
  qRegisterMetaType<std::shared_ptr<const EmbeddingSet>>();
  QVERIFY(BertSession::available());
  QVERIFY(QFile::exists(fixture() + QStringLiteral("/model.safetensors")));
}

void TestBertPage::loadsTheCheckpoint() {
  BertPage page;
  QVERIFY(loadFixture(page));
  QVERIFY(page.hasModel());
  QCOMPARE(page.session()->layers(), 2);
  QCOMPARE(page.session()->heads(), 4);
  QCOMPARE(page.session()->hidden(), 64);
}

void TestBertPage::tokensEqualTheReference() {
  BertPage page;
  QVERIFY(loadFixture(page));
  const QJsonArray cases = referenceTokenization();
  QVERIFY(cases.size() >= 15);
  int checked = 0;
  for (const QJsonValue& v : cases) {
    const QJsonObject c = v.toObject();
    const QString text = c.value(QStringLiteral("text")).toString();
    const QString pair = c.value(QStringLiteral("text_pair")).toString();
    // A line edit holds one line, and the page trims what is typed: those cases belong to the
    // tokenizer's own suite.
    if (text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\t')) || text.trimmed() != text ||
        text.isEmpty() || text.contains(QChar(0)))
      continue;
    QVERIFY2(analyze(page, text, pair), qPrintable(text));
    QStringList expected;
    for (const QJsonValue& t : c.value(QStringLiteral("tokens")).toArray()) expected << t.toString();
    QCOMPARE(page.analysis()->tokens, expected);
    QCOMPARE(page.attentionView()->tokens(), expected);
    if (!pair.isEmpty()) {
      const QJsonArray types = c.value(QStringLiteral("type_ids")).toArray();
      for (int i = 0; i < types.size(); ++i) QCOMPARE(page.analysis()->typeIds[size_t(i)], types[i].toInt());
    }
    ++checked;
  }
  QVERIFY(checked >= 10);
}

void TestBertPage::attentionRowsSumToOneAndMatchTheReference() {
  BertPage page;
  QVERIFY(loadFixture(page));
  QVERIFY(analyze(page, QStringLiteral("Hello, world!")));
  const auto* a = page.analysis();
  const int L = a->layers, H = a->heads, T = int(a->tokens.size());
  QCOMPARE(T, 6);
  QCOMPARE(a->attentions.size(), size_t(L) * H * T * T);
  for (int l = 0; l < L; ++l)
    for (int h = 0; h < H; ++h)
      for (int i = 0; i < T; ++i) {
        double s = 0;
        for (int j = 0; j < T; ++j) s += a->attentions[((size_t(l) * H + h) * T + i) * T + j];
        QVERIFY(std::abs(s - 1.0) < 1e-5);
      }
  // The heat map's rows too, for a single head and for the mean.
  AttentionHeatmap* view = page.attentionView();
  for (int layer : {AttentionHeatmap::kMean, 0, 1})
    for (int head : {AttentionHeatmap::kMean, 0, 3}) {
      view->setLayer(layer);
      view->setHead(head);
      for (int i = 0; i < T; ++i) {
        double s = 0;
        for (int j = 0; j < T; ++j) s += view->value(i, j);
        QVERIFY(std::abs(s - 1.0) < 1e-5);
      }
    }

  // The same numbers as Hugging Face's: find the reference batch row of this sentence.
  const auto ref = embedlab::SafetensorsFile::read((fixture() + QStringLiteral("/reference.safetensors")).toStdString());
  const embedlab::SafeTensor& ids = ref.get("input_ids");
  const int64_t B = ids.shape[0], S = ids.shape[1];
  const std::vector<int64_t> want = {7, 303, 21, 221, 10, 8};
  int64_t row = -1;
  for (int64_t b = 0; b < B && row < 0; ++b) {
    bool same = true;
    for (int64_t t = 0; t < T && same; ++t) {
      const int64_t id = ids.ints.empty() ? int64_t(ids.data[size_t(b * S + t)]) : ids.ints[size_t(b * S + t)];
      same = id == want[size_t(t)];
    }
    if (same) row = b;
  }
  QVERIFY(row >= 0);
  double maxErr = 0;
  for (int l = 0; l < L; ++l) {
    const embedlab::SafeTensor& att = ref.get("attentions." + std::to_string(l));  // (B,H,S,S)
    for (int h = 0; h < H; ++h)
      for (int i = 0; i < T; ++i)
        for (int j = 0; j < T; ++j) {
          const float r = att.data[size_t(((row * H + h) * S + i) * S + j)];
          const float o = a->attentions[((size_t(l) * H + h) * T + i) * T + j];
          maxErr = std::max(maxErr, double(std::abs(r - o)));
        }
  }
  QVERIFY2(maxErr < 1e-4, qPrintable(QString::number(maxErr)));
}

void TestBertPage::similarityIsACosineMatrix() {
  BertPage page;
  QVERIFY(loadFixture(page));
  QVERIFY(analyze(page, QStringLiteral("river bank"), QStringLiteral("money bank")));
  AttentionHeatmap* sim = page.similarityView();
  const int T = sim->tokenCount();
  QCOMPARE(T, 7);
  for (int i = 0; i < T; ++i) {
    QVERIFY(std::abs(sim->value(i, i) - 1.0f) < 1e-5);
    for (int j = 0; j < T; ++j) {
      QCOMPARE(sim->value(i, j), sim->value(j, i));
      QVERIFY(sim->value(i, j) <= 1.0f && sim->value(i, j) >= -1.0f);
    }
  }
  // Cosine by hand for one pair, from the mean of the last layers (the default choice).
  const auto x = BertSession::layerVectors(*page.analysis(), embedlab::ui::BertLayerChoice{});
  const int C = page.analysis()->hidden;
  double d = 0, n1 = 0, n2 = 0;
  for (int c = 0; c < C; ++c) {
    d += double(x[size_t(2 * C + c)]) * x[size_t(5 * C + c)];
    n1 += double(x[size_t(2 * C + c)]) * x[size_t(2 * C + c)];
    n2 += double(x[size_t(5 * C + c)]) * x[size_t(5 * C + c)];
  }
  QVERIFY(std::abs(sim->value(2, 5) - d / std::sqrt(n1 * n2)) < 1e-5);
}

void TestBertPage::occurrencesGoToTheExplorer() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const QString corpus = dir.filePath(QStringLiteral("corpus.txt"));
  {
    QFile f(corpus);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("the river bank was green\n\nthe king and the queen\nmoney in the bank\nBank of the river . bank\n");
  }
  BertPage page;
  QVERIFY(loadFixture(page));
  page.setCorpusFiles({corpus});
  page.setWord(QStringLiteral("bank"));
  QSignalSpy ready(&page, &BertPage::occurrencesReady);
  QVERIFY(page.collectOccurrences());
  QVERIFY(ready.wait(10000));
  const std::shared_ptr<const EmbeddingSet> set = page.occurrenceSet();
  QVERIFY(set);
  QCOMPARE(set->rows(), int64_t(4));  // "Bank" is lowercased by the uncased tokenizer
  QCOMPARE(set->dim(), 64);
  QCOMPARE(set->meta().size(), size_t(4));
  QCOMPARE(set->meta()[0].sentence, std::string("the river bank was green"));
  QCOMPARE(set->meta()[0].position, 3);  // [CLS] the river bank
  // Labels name the line of the corpus sample (non-empty lines, from 0) and the repeat in it.
  QCOMPARE(set->label(0), std::string("bank#0"));
  QCOMPARE(set->label(1), std::string("bank#2"));
  QCOMPARE(set->label(2), std::string("bank#3"));
  QCOMPARE(set->label(3), std::string("bank#3:2"));
  // The same word in the same sentence twice gives two different vectors (context and position).
  bool differ = false;
  for (int c = 0; c < 64; ++c) differ |= set->row(2)[c] != set->row(3)[c];
  QVERIFY(differ);

  QSignalSpy sent(&page, &BertPage::sendToExplorer);
  auto* send = page.findChild<QPushButton*>(QStringLiteral("contextSend"));
  QVERIFY(send && send->isEnabled());
  send->click();
  QCOMPARE(sent.count(), 1);
  QCOMPARE(sent.first().first().value<std::shared_ptr<const EmbeddingSet>>().get(), set.get());

  // A word the vocabulary does not know, or two words, are a message, not a crash.
  for (const QString& bad : {QStringLiteral("😀"), QStringLiteral("river bank")}) {
    page.setWord(bad);
    QSignalSpy failed(&page, &BertPage::failed);
    QVERIFY(page.collectOccurrences());
    QVERIFY(failed.wait(10000));
  }
}

void TestBertPage::badDirectoryIsAMessage() {
  QTemporaryDir dir;
  BertPage page;
  QSignalSpy failed(&page, &BertPage::failed);
  QVERIFY(page.openModel(dir.path()));
  QVERIFY(failed.wait(10000));
  QVERIFY(!page.hasModel());
  QVERIFY(page.messageText().contains(QStringLiteral("config.json")) || !page.messageText().isEmpty());
}

void TestBertPage::registryEntry() {
  using namespace embedlab::ui;
  const ModelDescriptor* m = ModelRegistry::builtin().find(QStringLiteral("bert"));
  QVERIFY(m);
  QVERIFY(m->extraSeries.contains(QStringLiteral("mlm_accuracy")));
  std::unique_ptr<ModelOptionsForm> form(m->createForm(nullptr));
  QVERIFY2(form->validate().isEmpty(), qPrintable(form->validate()));
  QVariantMap v = form->values();
  QCOMPARE(v.value(QStringLiteral("layers")).toInt(), 4);
  QCOMPARE(v.value(QStringLiteral("hidden")).toInt(), 256);
  v[QStringLiteral("hidden")] = 64;
  v[QStringLiteral("steps")] = 20;
  v[QStringLiteral("warmup")] = 5;
  form->setValues(v);
  QCOMPARE(form->values(), v);
  QTemporaryDir dir;
  auto job = m->createJob(v, {dir.filePath(QStringLiteral("corpus.txt"))}, dir.filePath(QStringLiteral("bert")));
  QVERIFY(job);
  QCOMPARE(job->modelType(), std::string("bert"));
  // 30 is not divisible by 4 heads: the form says so, and the factory refuses.
  v[QStringLiteral("hidden")] = 30;
  form->setValues(v);
  QVERIFY(form->validate().contains(QStringLiteral("divisible")));
  QVERIFY_THROWS_EXCEPTION(embedlab::UsageError,
                           m->createJob(v, {dir.filePath(QStringLiteral("corpus.txt"))}, dir.filePath(QStringLiteral("bert"))));
  v[QStringLiteral("hidden")] = 64;
  v[QStringLiteral("lr")] = QStringLiteral("fast");
  QVERIFY_THROWS_EXCEPTION(embedlab::UsageError,
                           m->createJob(v, {dir.filePath(QStringLiteral("corpus.txt"))}, dir.filePath(QStringLiteral("bert"))));

  // A tiny run through the factory: the series the chart asks for are what the job reports.
  const QString corpus = dir.filePath(QStringLiteral("corpus.txt"));
  {
    QFile f(corpus);
    QVERIFY(f.open(QIODevice::WriteOnly));
    for (int i = 0; i < 200; ++i)
      f.write(QStringLiteral("the %1 sat on the %2 by the river bank\n")
                  .arg(QLatin1String(i % 3 ? "cat" : "dog"), QLatin1String(i % 2 ? "mat" : "chair"))
                  .toUtf8());
  }
  QVariantMap tiny = form->values();
  tiny[QStringLiteral("layers")] = 1;
  tiny[QStringLiteral("hidden")] = 32;
  tiny[QStringLiteral("heads")] = 2;
  tiny[QStringLiteral("intermediate")] = 64;
  tiny[QStringLiteral("max_len")] = 16;
  tiny[QStringLiteral("vocab_size")] = 60;
  tiny[QStringLiteral("batch")] = 4;
  tiny[QStringLiteral("steps")] = 3;
  tiny[QStringLiteral("warmup")] = 1;
  tiny[QStringLiteral("lr")] = QStringLiteral("1e-3");
  tiny[QStringLiteral("threads")] = 1;
  auto run = m->createJob(tiny, {corpus}, dir.filePath(QStringLiteral("run/bert")));
  QStringList extras;
  embedlab::StopToken token;
  const embedlab::JobResult r = run->run(
      [&extras](const embedlab::Progress& p) {
        for (const auto& e : p.extras) extras << QString::fromStdString(e.first);
      },
      token);
  QVERIFY2(r.status == embedlab::JobStatus::Finished, r.message.c_str());
  QVERIFY(extras.contains(QStringLiteral("mlm_accuracy")));
  const QVariantMap metrics = m->finalMetrics(*run);
  QCOMPARE(metrics.value(QStringLiteral("train_steps")).toLongLong(), 3LL);
  QVERIFY(metrics.contains(QStringLiteral("mlm_accuracy")));
  QVERIFY(QFile::exists(dir.filePath(QStringLiteral("run/bert/config.json"))));
}

QTEST_MAIN(TestBertPage)
#include "test_bert_page.moc"
