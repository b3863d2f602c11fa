// TrainingWorker: queued, throttled progress that never loses a report; pause, stop, join.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "core/embeddings/EmbeddingSet.h"
#include "ui/train/TrainingWorker.h"

using namespace embedlab;
using namespace embedlab::ui;

namespace {

// Reports every `intervalMs` until `reports` reports were made or a stop is requested.
class FakeJob : public TrainingJob {
 public:
  FakeJob(int reports, int intervalMs, bool throwInRun = false)
      : reports_(reports), intervalMs_(intervalMs), throw_(throwInRun) {}
  std::string modelType() const override { return "fake"; }
  JobResult run(const ProgressSink& sink, StopToken& token) override {
    if (throw_) throw std::runtime_error("fake failure");
    for (int i = 1; i <= reports_; ++i) {
      if (token.stopRequested()) return {JobStatus::Stopped, "stopped", {}};
      token.waitIfPaused();
      std::this_thread::sleep_for(std::chrono::milliseconds(intervalMs_));
      Progress p;
      p.step = i;
      p.total = reports_;
      p.loss = 1.0 / i;
      p.phase = "training";
      sink(p);
      made_ = i;
    }
    return {JobStatus::Finished, "", {"out.vec"}};
  }
  std::shared_ptr<const EmbeddingSet> embeddings() const override { return nullptr; }
  int made() const { return made_; }

 private:
  int reports_, intervalMs_;
  bool throw_;
  std::atomic<int> made_{0};
};

int countPoints(const QSignalSpy& spy) {
  int n = 0;
  for (const auto& args : spy) n += static_cast<int>(args.at(0).value<QVector<ProgressUpdate>>().size());
  return n;
}

}  // namespace

class TestTrainingWorker : public QObject {
  Q_OBJECT
 private slots:
  void everyReportArrivesThrottled() {
    TrainingWorker worker;
    QSignalSpy progress(&worker, &TrainingWorker::progressed);
    QSignalSpy finished(&worker, &TrainingWorker::finished);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(worker.start(std::make_unique<FakeJob>(400, 1)));
    QVERIFY(worker.isRunning());
    QVERIFY(!worker.start(std::make_unique<FakeJob>(1, 1)));  // one job at a time
    QVERIFY(finished.wait(10000));
    const double seconds = timer.elapsed() / 1000.0;
    QCOMPARE(finished.at(0).at(0).toInt(), static_cast<int>(JobStatus::Finished));
    QCOMPARE(finished.at(0).at(2).toStringList(), QStringList{QStringLiteral("out.vec")});
    QCOMPARE(countPoints(progress), 400);  // coalesced, never dropped
    // ~20 signals a second (plus the final flush): far fewer signals than reports.
    QVERIFY2(progress.size() <= seconds * 20 + 3,
             qPrintable(QStringLiteral("%1 signals in %2 s").arg(progress.size()).arg(seconds)));
    // Order is kept.
    double last = 0;
    for (const auto& args : progress)
      for (const ProgressUpdate& u : args.at(0).value<QVector<ProgressUpdate>>()) {
        QVERIFY(u.point.step > last);
        last = u.point.step;
      }
    QVERIFY(!worker.isRunning());
  }

  void pauseHoldsTheJob() {
    TrainingWorker worker;
    auto job = std::make_unique<FakeJob>(100000, 1);
    const FakeJob* raw = job.get();
    QSignalSpy finished(&worker, &TrainingWorker::finished);
    worker.start(std::move(job));
    QTRY_VERIFY(raw->made() > 5);
    worker.pause();
    QVERIFY(worker.isPaused());
    QTest::qWait(50);
    const int atPause = raw->made();
    QTest::qWait(150);
    QCOMPARE(raw->made(), atPause);
    worker.resume();
    QTRY_VERIFY(raw->made() > atPause);
    worker.stop();
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.at(0).at(0).toInt(), static_cast<int>(JobStatus::Stopped));
  }

  void stopWhilePausedEndsTheJob() {
    TrainingWorker worker;
    QSignalSpy finished(&worker, &TrainingWorker::finished);
    worker.start(std::make_unique<FakeJob>(100000, 1));
    worker.pause();
    QElapsedTimer timer;
    timer.start();
    worker.stop();
    QVERIFY(finished.wait(5000));
    QVERIFY2(timer.elapsed() < 200, qPrintable(QString::number(timer.elapsed())));
  }

  void aThrowingJobFails() {
    TrainingWorker worker;
    QSignalSpy finished(&worker, &TrainingWorker::finished);
    worker.start(std::make_unique<FakeJob>(1, 1, true));
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.at(0).at(0).toInt(), static_cast<int>(JobStatus::Failed));
    QVERIFY(finished.at(0).at(1).toString().contains(QStringLiteral("fake failure")));
    // The worker is reusable.
    worker.start(std::make_unique<FakeJob>(3, 1));
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.at(1).at(0).toInt(), static_cast<int>(JobStatus::Finished));
  }

  void stopAndWaitDeliversFinishedSynchronously() {
    TrainingWorker worker;
    QSignalSpy finished(&worker, &TrainingWorker::finished);
    worker.start(std::make_unique<FakeJob>(100000, 1));
    QTest::qWait(20);
    worker.stopAndWait();
    QCOMPARE(finished.size(), 1);
    QVERIFY(!worker.isRunning());
    QTest::qWait(20);  // the queued done-call that follows does nothing
    QCOMPARE(finished.size(), 1);
  }

  void destructorJoins() {
    auto* worker = new TrainingWorker;
    worker->start(std::make_unique<FakeJob>(100000, 1));
    QTest::qWait(20);
    delete worker;  // must neither hang nor crash; pending queued calls are dropped
    QTest::qWait(20);
  }
};

QTEST_MAIN(TestTrainingWorker)
#include "test_training_worker.moc"
