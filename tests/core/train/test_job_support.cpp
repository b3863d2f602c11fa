// core/train/JobSupport: the pace behind Progress::itemsPerSec / etaSeconds (no estimate before
// any step or time, none below zero), and runGuarded (an exception becomes Failed with its
// message; what the body recorded before throwing stays; a normal result passes through).
#include <QtTest>

#include <chrono>
#include <stdexcept>

#include "core/train/JobSupport.h"
#include "core/util/Error.h"

using namespace embedlab;

class TestJobSupport : public QObject {
  Q_OBJECT

 private slots:
  void paceGivesRateAndTimeLeft() {
    const Pace p{1000, 10, 2.0};  // 1000 items in 10 steps took 2 s
    QCOMPARE(p.itemsPerSec(), 500.0);
    QCOMPARE(p.etaSeconds(30), 6.0);
    QCOMPARE(p.etaSeconds(0), 0.0);
    QCOMPARE(p.etaSeconds(-5), 0.0);  // done (or past the plan): nothing left
  }

  void paceWithoutWorkOrTimeHasNoEstimate() {
    QCOMPARE((Pace{0, 0, 1.0}).etaSeconds(10), 0.0);
    QCOMPARE((Pace{5, 5, 0.0}).itemsPerSec(), 0.0);
    QCOMPARE((Pace{5, 5, 0.0}).etaSeconds(10), 0.0);
    QCOMPARE(Pace{}.itemsPerSec(), 0.0);
  }

  void secondsOfADuration() {
    QCOMPARE(secondsOf(std::chrono::milliseconds(1500)), 1.5);
  }

  void exceptionBecomesFailed() {
    const JobResult r = runGuarded([](JobResult& result) {
      result.outputFiles.push_back("loss.csv");
      throw Error("corpus.txt: empty file");
    });
    QVERIFY(r.status == JobStatus::Failed);
    QCOMPARE(r.message, std::string("corpus.txt: empty file"));
    QCOMPARE(r.outputFiles, std::vector<std::string>{"loss.csv"});

    const JobResult other = runGuarded([](JobResult&) { throw std::runtime_error("disk full"); });
    QVERIFY(other.status == JobStatus::Failed);
    QCOMPARE(other.message, std::string("disk full"));
  }

  void resultPassesThrough() {
    const JobResult done = runGuarded([](JobResult&) {});
    QVERIFY(done.status == JobStatus::Finished);
    QVERIFY(done.message.empty());
    const JobResult stopped = runGuarded([](JobResult& result) {
      result = {JobStatus::Stopped, "stopped at step 3 of 10", {"checkpoint.safetensors"}};
    });
    QVERIFY(stopped.status == JobStatus::Stopped);
    QCOMPARE(stopped.message, std::string("stopped at step 3 of 10"));
    QCOMPARE(stopped.outputFiles.size(), size_t(1));
  }
};

QTEST_APPLESS_MAIN(TestJobSupport)
#include "test_job_support.moc"
