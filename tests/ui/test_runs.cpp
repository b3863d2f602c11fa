// Runs in the workspace (records, store, table model) and the Word2Vec form of the model registry.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "core/models/word2vec/Word2Vec.h"
#include "core/util/Error.h"
#include "ui/models/ModelRegistry.h"
#include "ui/models/word2vec/Word2VecForm.h"
#include "ui/models/word2vec/Word2VecModel.h"
#include "ui/runs/RunStore.h"
#include "ui/runs/RunTableModel.h"

using namespace embedlab;
using namespace embedlab::ui;

namespace {

RunRecord sampleRun(const RunStore& store) {
  RunRecord r = store.create(QStringLiteral("word2vec"), QStringLiteral("first"));
  r.hyperparameters = {{QStringLiteral("dim"), 20}, {QStringLiteral("sample"), QStringLiteral("1e-3")}};
  r.corpusFiles = {QStringLiteral("/data/a.txt")};
  r.status = RunRecord::Status::Finished;
  r.ended = r.started.addSecs(3);
  r.trainSeconds = 2.5;
  r.metrics = {{QStringLiteral("final_loss"), 1.25}};
  r.outputFiles = {store.runDir(r.id) + QStringLiteral("/vectors.vec")};
  for (int i = 1; i <= 5; ++i) r.history.append({i * 100.0, i * 0.1, 3.0 / i, 0.025 - i * 0.001, 1e5});
  return r;
}

}  // namespace

class TestRuns : public QObject {
  Q_OBJECT
 private slots:
  void recordRoundTrip() {
    QTemporaryDir dir;
    RunStore store(dir.path());
    const RunRecord r = sampleRun(store);
    const RunRecord back = RunRecord::fromJson(r.toJson(), QStringLiteral("mem"));
    QCOMPARE(back.id, r.id);
    QCOMPARE(back.name, r.name);
    QCOMPARE(back.modelType, r.modelType);
    QCOMPARE(back.hyperparameters.value(QStringLiteral("dim")).toInt(), 20);
    QCOMPARE(back.corpusFiles, r.corpusFiles);
    QCOMPARE(back.status, RunRecord::Status::Finished);
    QCOMPARE(back.started, r.started);
    QCOMPARE(back.history.size(), 5);
    QCOMPARE(back.history[2].loss, 1.0);
    QCOMPARE(back.history[4].step, 500.0);
    QCOMPARE(back.vectorsFile(), r.outputFiles.front());
    QVERIFY_THROWS_EXCEPTION(Error, RunRecord::fromJson(QJsonObject(), QStringLiteral("x.json")));
  }

  void storeSavesAndRestores() {
    QTemporaryDir dir;
    RunStore store(dir.path());
    RunRecord a = sampleRun(store);
    store.save(a);
    RunRecord b = store.create(QStringLiteral("word2vec"), QStringLiteral("second"));
    b.status = RunRecord::Status::Running;  // the program died while it trained
    store.save(b);
    QVERIFY(a.id != b.id);
    // A damaged record is reported, not fatal; a folder without a record is ignored.
    QDir(dir.path()).mkpath(QStringLiteral("runs/broken"));
    QFile bad(dir.path() + QStringLiteral("/runs/broken/run.json"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{ not json");
    bad.close();
    QDir(dir.path()).mkpath(QStringLiteral("runs/empty"));

    QStringList problems;
    const QVector<RunRecord> runs = store.loadAll(&problems);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(problems.size(), 1);
    QVERIFY(problems.front().contains(QStringLiteral("broken/run.json")));
    QCOMPARE(runs[0].id, a.id);
    QCOMPARE(runs[0].history.size(), 5);
    QCOMPARE(runs[1].status, RunRecord::Status::Stopped);
    QVERIFY(!runs[1].message.isEmpty());
    // No temporary files are left beside the records.
    QCOMPARE(QDir(store.runDir(a.id)).entryList(QDir::Files), QStringList{QStringLiteral("run.json")});
  }

  void environmentChoosesTheWorkspace() {
    QTemporaryDir dir;
    qputenv("EMBEDLAB_WORKSPACE", dir.path().toLocal8Bit());
    QCOMPARE(RunStore().workspace(), dir.path());
    qunsetenv("EMBEDLAB_WORKSPACE");
    QVERIFY(RunStore().workspace().endsWith(QStringLiteral("/workspace")));
  }

  void tableRenamesComparesAndDeletes() {
    QTemporaryDir dir;
    RunStore store(dir.path());
    RunRecord a = sampleRun(store);
    store.save(a);
    RunTableModel model(&store);
    QVERIFY(model.reload().isEmpty());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, RunTableModel::NameColumn)).toString(), QStringLiteral("first"));
    QCOMPARE(model.data(model.index(0, RunTableModel::StatusColumn)).toString(), QStringLiteral("finished"));

    QSignalSpy renamed(&model, &RunTableModel::runRenamed);
    QVERIFY(model.flags(model.index(0, RunTableModel::NameColumn)) & Qt::ItemIsEditable);
    QVERIFY(model.setData(model.index(0, RunTableModel::NameColumn), QStringLiteral("  renamed ")));
    QCOMPARE(renamed.size(), 1);
    QVERIFY(!model.setData(model.index(0, RunTableModel::NameColumn), QStringLiteral("   ")));  // empty refused
    QCOMPARE(store.loadAll().front().name, QStringLiteral("renamed"));  // persisted

    QSignalSpy overlay(&model, &RunTableModel::overlayChanged);
    QVERIFY(model.setData(model.index(0, RunTableModel::NameColumn), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(overlay.size(), 1);
    QCOMPARE(model.overlaidRuns(), QStringList{a.id});

    QSignalSpy removed(&model, &RunTableModel::runRemoved);
    QVERIFY(model.remove(a.id));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!QDir(store.runDir(a.id)).exists());
    QVERIFY(model.overlaidRuns().isEmpty());
  }

  void registryHasWord2Vec() {
    const ModelDescriptor* m = ModelRegistry::builtin().find(QStringLiteral("word2vec"));
    QVERIFY(m);
    QVERIFY(m->createForm && m->createJob && m->displayName);
    QVERIFY(!ModelRegistry::builtin().find(QStringLiteral("nope")));
  }

  void formDefaultsAndTooltips() {
    Word2VecForm form;
    QVERIFY(form.validate().isEmpty());
    const QVariantMap v = form.values();
    QCOMPARE(v.value(QStringLiteral("dim")).toInt(), 100);
    QCOMPARE(v.value(QStringLiteral("window")).toInt(), 5);
    QCOMPARE(v.value(QStringLiteral("arch")).toString(), QStringLiteral("skipgram"));
    for (QWidget* w : form.findChildren<QWidget*>()) {
      if (w->objectName().isEmpty() || w->objectName().startsWith(QLatin1String("qt_"))) continue;
      QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->objectName()));
    }
    // Values survive a round trip through a map (settings, run records).
    QVariantMap changed = v;
    changed[QStringLiteral("dim")] = 42;
    changed[QStringLiteral("arch")] = QStringLiteral("cbow");
    changed[QStringLiteral("sample")] = QStringLiteral("1e-5");
    Word2VecForm other;
    other.setValues(changed);
    QCOMPARE(other.values(), changed);
    const Word2VecOptions o = word2vecOptionsFromValues(changed);
    QCOMPARE(o.dim, 42);
    QCOMPARE(o.arch, Word2VecOptions::Arch::Cbow);
    QCOMPARE(o.sample, 1e-5);
    QCOMPARE(o.alpha, 0.0);
    QCOMPARE(o.minAlphaRatio, 0.1);  // the form's default final rate
    // A run recorded before the final rate was a setting trained to alpha * 1e-4: so it continues.
    changed.remove(QStringLiteral("min_alpha_ratio"));
    QCOMPARE(word2vecOptionsFromValues(changed).minAlphaRatio, 1e-4);
  }

  void validationRejectsBadValues() {
    Word2VecForm form;
    auto* sample = form.findChild<QLineEdit*>(QStringLiteral("sample"));
    auto* alpha = form.findChild<QLineEdit*>(QStringLiteral("alpha"));
    auto* negative = form.findChild<QSpinBox*>(QStringLiteral("negative"));
    QVERIFY(sample && alpha && negative);
    sample->setText(QStringLiteral("abc"));
    QVERIFY(form.validate().contains(QStringLiteral("Subsampling")));
    sample->setText(QStringLiteral("1.5"));
    QVERIFY(form.validate().contains(QStringLiteral("Subsampling")));
    sample->setText(QStringLiteral("1e-4"));
    QVERIFY(form.validate().isEmpty());
    alpha->setText(QStringLiteral("-0.1"));
    QVERIFY(form.validate().contains(QStringLiteral("Learning rate")));
    alpha->setText(QStringLiteral("0.05"));
    QVERIFY(form.validate().isEmpty());
    auto* ratio = form.findChild<QLineEdit*>(QStringLiteral("min_alpha_ratio"));
    QVERIFY(ratio);
    for (const char* bad : {"2", "-0.5", "abc", ""}) {
      ratio->setText(QString::fromLatin1(bad));
      QVERIFY2(form.validate().contains(QStringLiteral("Final learning rate")), bad);
    }
    ratio->setText(QStringLiteral("0.0001"));
    QVERIFY(form.validate().isEmpty());
    QCOMPARE(word2vecOptionsFromValues(form.values()).minAlphaRatio, 1e-4);
    negative->setValue(0);
    QVERIFY(form.validate().contains(QStringLiteral("Negative samples")));
    // The engine's own validation backs the form (e.g. a factory fed a map by hand).
    QVariantMap v = form.values();
    v[QStringLiteral("dim")] = 0;
    QVERIFY_THROWS_EXCEPTION(UsageError, ModelRegistry::builtin().find(QStringLiteral("word2vec"))->createJob(v, {QStringLiteral("x.txt")}, QString()));
    v[QStringLiteral("dim")] = QStringLiteral("many");
    QVERIFY_THROWS_EXCEPTION(UsageError, word2vecOptionsFromValues(v));
  }
};

QTEST_MAIN(TestRuns)
#include "test_runs.moc"
