// The ELMo page with a real (tiny) biLM trained here in a second: it opens the model directory,
// trains the scalar mix on a small task with the weights chart moving once per epoch and the
// comparison table filled, lists per-layer neighbours of a word in a typed sentence, and sends a
// layer's contexts to the explorer. Also ELMo's entry in the model registry.
#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QSet>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <memory>

#include "core/embeddings/EmbeddingSet.h"
#include "core/models/elmo/ElmoTrainer.h"
#include "core/util/Error.h"
#include "ui/elmo/LayerWeightsChart.h"
#include "ui/models/ModelOptionsForm.h"
#include "ui/models/ModelRegistry.h"
#include "ui/pages/ElmoPage.h"

using embedlab::EmbeddingSet;
using embedlab::ui::ElmoPage;
using embedlab::ui::LayerWeightsChart;

Q_DECLARE_METATYPE(std::shared_ptr<const embedlab::EmbeddingSet>)

namespace {

const char* const kAnimals[] = {"cat", "dog", "horse", "bird", "fish"};
const char* const kPlaces[] = {"river", "bank", "field", "house", "garden"};
const char* const kMoney[] = {"money", "bank", "loan", "price", "coin"};

void writeLines(const QString& path, const QStringList& lines) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(lines.join(QLatin1Char('\n')).toUtf8() + "\n");
}

QStringList corpusLines(int n) {
  QStringList lines;
  for (int i = 0; i < n; ++i) {
    const QString a = QLatin1String(kAnimals[i % 5]), p = QLatin1String(kPlaces[(i / 5) % 5]),
                  m = QLatin1String(kMoney[(i / 3) % 5]);
    lines << (i % 2 ? QStringLiteral("the %1 sat by the %2 .").arg(a, p)
                    : QStringLiteral("she put the %1 in the %2 .").arg(m, QLatin1String(i % 4 ? "bank" : "box")));
  }
  return lines;
}

// Two classes that the words tell apart: animals and money.
void writeTask(const QString& dir) {
  QStringList train, test;
  for (int i = 0; i < 60; ++i) {
    const QString line = i % 2 ? QStringLiteral("animal\tthe %1 ran to the %2").arg(QLatin1String(kAnimals[i % 5]), QLatin1String(kPlaces[i % 5]))
                               : QStringLiteral("money\tthe %1 went to the %2").arg(QLatin1String(kMoney[i % 5]), QLatin1String(kPlaces[(i + 1) % 5]));
    (i % 4 == 3 ? test : train) << line;
  }
  writeLines(dir + QStringLiteral("/train.tsv"), train);
  writeLines(dir + QStringLiteral("/test.tsv"), test);
}

}  // namespace

class TestElmoPage : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase();
  void registryEntry();
  void opensTheModel();
  void trainsTheMixLive();
  void neighboursPerLayerAndExplorer();
  void badInputIsAMessage();

 private:
  QTemporaryDir dir_;
  QString corpus_, model_, task_;
};

void TestElmoPage::initTestCase() {
  qRegisterMetaType<std::shared_ptr<const EmbeddingSet>>();
  QVERIFY(dir_.isValid());
  corpus_ = dir_.filePath(QStringLiteral("corpus.txt"));
  writeLines(corpus_, corpusLines(240));
  task_ = dir_.filePath(QStringLiteral("task"));
  QVERIFY(QDir().mkpath(task_));
  writeTask(task_);
  model_ = dir_.filePath(QStringLiteral("elmo"));

  // A biLM small enough to train in about a second on one thread.
  embedlab::elmo::ElmoTrainerOptions o;
  o.corpusFiles = {corpus_.toStdString()};
  o.outDir = model_.toStdString();
  o.model.charEmbed = 8;
  o.model.filters = {{1, 8}, {2, 8}, {3, 16}};
  o.model.highway = 1;
  o.model.projection = 16;
  o.model.lstmHidden = 24;
  o.maxVocab = 100;
  o.seqLen = 8;
  o.batch = 8;
  o.epochs = 2;
  o.threads = 1;
  o.heldoutEvery = 0;
  embedlab::elmo::ElmoTrainer trainer(o);
  embedlab::StopToken token;
  const embedlab::JobResult r = trainer.run({}, token);
  QVERIFY2(r.status == embedlab::JobStatus::Finished, r.message.c_str());
  QVERIFY(QFile::exists(model_ + QStringLiteral("/model.safetensors")));
}

void TestElmoPage::registryEntry() {
  using namespace embedlab::ui;
  const ModelDescriptor* m = ModelRegistry::builtin().find(QStringLiteral("elmo"));
  QVERIFY(m);
  QCOMPARE(m->extraSeries, QStringList{QStringLiteral("perplexity")});
  std::unique_ptr<ModelOptionsForm> form(m->createForm(nullptr));
  QVERIFY(form->validate().isEmpty());
  QVariantMap v = form->values();
  QCOMPARE(v.value(QStringLiteral("char_filters")).toString(), QStringLiteral("1:32, 2:32, 3:64, 4:128, 5:256"));
  v[QStringLiteral("char_filters")] = QStringLiteral("1:8 2:8");
  v[QStringLiteral("projection")] = 16;
  form->setValues(v);
  QCOMPARE(form->values().value(QStringLiteral("char_filters")).toString(), QStringLiteral("1:8 2:8"));
  QCOMPARE(form->values().value(QStringLiteral("projection")).toInt(), 16);
  QVERIFY(form->validate().isEmpty());
  // A job comes out of good values; bad filters are a UsageError naming the option.
  auto job = m->createJob(v, {corpus_}, dir_.filePath(QStringLiteral("run/elmo")));
  QVERIFY(job);
  QCOMPARE(job->modelType(), std::string("elmo"));
  // A tiny run through the factory: the series the chart asks for are what the job reports.
  QVariantMap tiny = v;
  tiny[QStringLiteral("lstm_hidden")] = 16;
  tiny[QStringLiteral("max_vocab")] = 50;
  tiny[QStringLiteral("seq_len")] = 8;
  tiny[QStringLiteral("batch")] = 4;
  tiny[QStringLiteral("threads")] = 1;
  auto run = m->createJob(tiny, {corpus_}, dir_.filePath(QStringLiteral("run2/elmo")));
  QStringList extras;
  embedlab::StopToken token;
  const embedlab::JobResult r = run->run(
      [&extras](const embedlab::Progress& p) {
        for (const auto& e : p.extras) extras << QString::fromStdString(e.first);
      },
      token);
  QVERIFY2(r.status == embedlab::JobStatus::Finished, r.message.c_str());
  QVERIFY(extras.contains(QStringLiteral("perplexity")));
  QVERIFY(m->finalMetrics(*run).value(QStringLiteral("train_steps")).toLongLong() > 0);
  QVERIFY(QFile::exists(dir_.filePath(QStringLiteral("run2/elmo/model.safetensors"))));

  v[QStringLiteral("char_filters")] = QStringLiteral("1:8 wide");
  form->setValues(v);
  QVERIFY(!form->validate().isEmpty());
  try {
    m->createJob(v, {corpus_}, dir_.filePath(QStringLiteral("run/elmo")));
    QFAIL("bad filters were accepted");
  } catch (const embedlab::UsageError& e) {
    QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("char_filters")));
  }
}

void TestElmoPage::opensTheModel() {
  ElmoPage page;
  page.setThreads(1);  // deterministic, and no spinning OpenMP team on a loaded machine
  QSignalSpy loaded(&page, &ElmoPage::modelLoaded);
  QVERIFY(page.openModel(model_));
  QVERIFY(loaded.wait(10000));
  QVERIFY(page.hasModel());
  QCOMPARE(page.weightsChart()->layerCount(), 3);
}

void TestElmoPage::trainsTheMixLive() {
  ElmoPage page;
  page.setThreads(1);  // deterministic, and no spinning OpenMP team on a loaded machine
  QSignalSpy loaded(&page, &ElmoPage::modelLoaded);
  QVERIFY(page.openModel(model_));
  QVERIFY(loaded.wait(10000));
  page.setTaskDirectory(task_);
  page.setMixEpochs(6);
  QSignalSpy finished(&page, &ElmoPage::mixFinished);
  QVERIFY(page.trainMix());
  QVERIFY(page.isTrainingMix());
  QVERIFY(finished.wait(60000));
  QCOMPARE(finished.first().first().toBool(), true);

  // The chart received every epoch (plus the uniform start at epoch 0), in order.
  LayerWeightsChart* chart = page.weightsChart();
  QCOMPARE(chart->historyLength(), 7);
  const auto w0 = chart->history(0);
  for (int e = 0; e < 7; ++e) QCOMPARE(w0[size_t(e)].first, double(e));
  QVERIFY(std::abs(w0[0].second - 1.0 / 3.0) < 1e-12);
  const std::vector<double> bars = chart->barValues();
  QCOMPARE(bars.size(), size_t(4));
  QVERIFY(std::abs(bars[0] + bars[1] + bars[2] - 1.0) < 1e-5);
  QVERIFY(bars[3] > 0);
  // The weights moved away from the uniform start.
  QVERIFY(std::abs(bars[0] - 1.0 / 3.0) + std::abs(bars[1] - 1.0 / 3.0) > 1e-6);

  // Accuracy and macro-F1 for layers 0, 1, 2, the mix and its refit: numbers in [0, 1].
  QTableWidget* table = page.comparisonTable();
  for (int r = 0; r < 5; ++r)
    for (int c = 0; c < 2; ++c) {
      bool ok = false;
      const double v = QLocale().toDouble(table->item(r, c)->text(), &ok);
      QVERIFY2(ok, qPrintable(table->item(r, c)->text()));
      QVERIFY(v >= 0 && v <= 1);
    }
  // The words tell the classes apart: the best of the rows does better than chance.
  double best = 0;
  for (int r = 0; r < 5; ++r) best = std::max(best, QLocale().toDouble(table->item(r, 0)->text()));
  QVERIFY2(best > 0.6, qPrintable(QString::number(best)));
}

void TestElmoPage::neighboursPerLayerAndExplorer() {
  ElmoPage page;
  page.setThreads(1);  // deterministic, and no spinning OpenMP team on a loaded machine
  QSignalSpy loaded(&page, &ElmoPage::modelLoaded);
  QVERIFY(page.openModel(model_));
  QVERIFY(loaded.wait(10000));
  page.setCorpusFiles({corpus_});
  page.setSampleSize(100);
  page.setSentence(QStringLiteral("the dog sat by the bank ."));
  QVERIFY(page.selectWord(QStringLiteral("bank")));
  QVERIFY(!page.selectWord(QStringLiteral("money")));
  QSignalSpy ready(&page, &ElmoPage::neighboursReady);
  QVERIFY(page.findNeighbours());
  QVERIFY(ready.wait(20000));
  QCOMPARE(page.neighbourTexts(0).size(), 10);
  for (int k = 0; k < 3; ++k) {
    // At most ten, each a different word-in-context (repeated corpus lines are shown once).
    const QStringList texts = page.neighbourTexts(k);
    QVERIFY(!texts.isEmpty() && texts.size() <= 10);
    QCOMPARE(QSet<QString>(texts.begin(), texts.end()).size(), texts.size());
  }
  // Layer 0 reads only the characters: the same word is its own nearest neighbour, cosine 1,
  // and each word appears once.
  QVERIFY2(page.neighbourTexts(0).first().startsWith(QStringLiteral("bank  (1")), qPrintable(page.neighbourTexts(0).first()));
  QStringList words;
  for (const QString& t : page.neighbourTexts(0)) words << t.section(QStringLiteral("  "), 0, 0);
  words.removeDuplicates();
  QCOMPARE(words.size(), 10);
  // Contextual layers list occurrences with their context.
  QVERIFY(page.neighbourTexts(1).first().contains(QLatin1Char('\n')));

  QSignalSpy sent(&page, &ElmoPage::sendToExplorer);
  QVERIFY(page.sendLayer(2));
  QCOMPARE(sent.count(), 1);
  const auto set = sent.first().first().value<std::shared_ptr<const EmbeddingSet>>();
  QVERIFY(set && set->rows() > 100);
  QCOMPARE(set->dim(), 32);  // 2 x projection
  QCOMPARE(set->meta().size(), size_t(set->rows()));
  QCOMPARE(set->meta()[0].layer, 2);
  QVERIFY(!page.sendLayer(3));

  // A second query reuses the embedded sample.
  QVERIFY(page.selectWord(QStringLiteral("dog")));
  QVERIFY(page.findNeighbours());
  QVERIFY(ready.wait(20000));
  QVERIFY(page.neighbourTexts(0).first().startsWith(QStringLiteral("dog  (1")));
}

void TestElmoPage::badInputIsAMessage() {
  ElmoPage page;
  page.setThreads(1);  // deterministic, and no spinning OpenMP team on a loaded machine
  QSignalSpy failed(&page, &ElmoPage::failed);
  QVERIFY(page.openModel(dir_.filePath(QStringLiteral("nothing-here"))));
  QVERIFY(failed.wait(10000));
  QVERIFY(!page.hasModel());
  QVERIFY(!page.messageText().isEmpty());

  // A task directory without its files fails the job with a message.
  QSignalSpy loaded(&page, &ElmoPage::modelLoaded);
  QVERIFY(page.openModel(model_));
  QVERIFY(loaded.wait(10000));
  page.setTaskDirectory(dir_.filePath(QStringLiteral("no-task")));
  QSignalSpy finished(&page, &ElmoPage::mixFinished);
  QVERIFY(page.trainMix());
  QVERIFY(finished.wait(20000));
  QCOMPARE(finished.first().first().toBool(), false);
  QVERIFY(page.messageText().contains(QStringLiteral("no-task")));
}

QTEST_MAIN(TestElmoPage)
#include "test_elmo_page.moc"
