// The warm-up + linear-decay schedule against values of transformers'
// get_linear_schedule_with_warmup (LambdaLR, read after each scheduler.step()).
#include <QtTest/QtTest>

#include "core/models/bert/LrSchedule.h"
#include "core/util/Error.h"

using namespace embedlab;

class TestLrSchedule : public QObject {
  Q_OBJECT

 private slots:
  void warmupThenLinearDecay() {
    // torch: opt lr 1e-3, warmup 4, total 10 -> [0, 2.5e-4, 5e-4, 7.5e-4, 1e-3, 8.333e-4, 6.667e-4,
    // 5e-4, 3.333e-4, 1.667e-4, 0, 0]
    const LrSchedule s(1e-3, 4, 10);
    const double expected[] = {0,      2.5e-4, 5e-4,         7.5e-4, 1e-3, 1e-3 * 5 / 6,
                               1e-3 * 4 / 6, 5e-4, 1e-3 * 2 / 6, 1e-3 / 6, 0, 0};
    for (int k = 0; k < 12; ++k) QCOMPARE(s.at(k), expected[k]);
    QCOMPARE(s.factor(4), 1.0);
    QCOMPARE(s.at(100), 0.0);
  }

  void noWarmup() {
    const LrSchedule s(2.0, 0, 4);
    QCOMPARE(s.at(0), 2.0);
    QCOMPARE(s.at(1), 1.5);
    QCOMPARE(s.at(3), 0.5);
    QCOMPARE(s.at(4), 0.0);
    // warm-up as long as training: the rate only rises (transformers' max(1, total - warmup))
    const LrSchedule w(1.0, 5, 5);
    QCOMPARE(w.at(4), 0.8);
    QCOMPARE(w.at(5), 0.0);
  }

  void badArguments() {
    QVERIFY_THROWS_EXCEPTION(UsageError, LrSchedule(-1, 0, 1));
    QVERIFY_THROWS_EXCEPTION(UsageError, LrSchedule(std::nan(""), 0, 1));
    QVERIFY_THROWS_EXCEPTION(UsageError, LrSchedule(1, -1, 1));
    QVERIFY_THROWS_EXCEPTION(UsageError, LrSchedule(1, 0, -1));
  }
};

QTEST_APPLESS_MAIN(TestLrSchedule)
#include "test_lr_schedule.moc"
