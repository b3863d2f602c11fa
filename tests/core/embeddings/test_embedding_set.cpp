// EmbeddingSet: construction, rows, the label index (kept valid while rows are appended) and the
// per-row side tables.
#include <QtTest>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "core/embeddings/EmbeddingSet.h"

using namespace embedlab;

namespace {
// "w" + number (appended: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string).
std::string word(int i) {
  std::string s = "w";
  s += std::to_string(i);
  return s;
}
}  // namespace

class TestEmbeddingSet : public QObject {
  Q_OBJECT
 private slots:
  void constructionIsZeroFilled() {
    EmbeddingSet set({"a", "b", "c"}, 4);
    QCOMPARE(set.rows(), int64_t(3));
    QCOMPARE(set.dim(), 4);
    QVERIFY(!set.empty());
    for (int i = 0; i < 12; ++i) QCOMPARE(set.data()[i], 0.0f);
    set.row(1)[2] = 5.0f;
    QCOMPARE(set.data()[1 * 4 + 2], 5.0f);
    QVERIFY(EmbeddingSet().empty());
  }

  void findFirstRowOfALabel() {
    EmbeddingSet set({"x", "y", "x"}, 1);
    QCOMPARE(set.find("x"), int64_t(0));
    QCOMPARE(set.find("y"), int64_t(1));
    QCOMPARE(set.find("z"), int64_t(-1));
    QCOMPARE(set.find(""), int64_t(-1));
  }

  void indexSurvivesManyAppends() {
    // Short labels live inside std::string (SSO): views into labels_ would dangle after the
    // vector grows. find() between appends must stay right.
    EmbeddingSet set({}, 2);
    for (int i = 0; i < 5000; ++i) {
      const float v[2] = {float(i), -float(i)};
      const int64_t r = set.addRow(word(i), v);
      QCOMPARE(r, int64_t(i));
      if (i % 97 == 0) QCOMPARE(set.find(word(i / 2)), int64_t(i / 2));
    }
    for (int i = 0; i < 5000; i += 7) QCOMPARE(set.find(word(i)), int64_t(i));
    QCOMPARE(set.row(4321)[1], -4321.0f);
    // A repeated label keeps pointing at its first row.
    set.addRow("w10", nullptr);
    QCOMPARE(set.find("w10"), int64_t(10));
    QCOMPARE(set.row(5000)[0], 0.0f);
    set.rebuildIndex();
    QCOMPARE(set.find("w10"), int64_t(10));
  }

  void countsAndMetaFollowRows() {
    EmbeddingSet set({"a", "b"}, 1);
    QVERIFY(set.counts().empty());
    set.addRow("c", nullptr);
    QVERIFY(set.counts().empty());  // no count known yet: stays empty
    set.addRow("d", nullptr, 7);
    QCOMPARE(set.counts().size(), size_t(4));
    QCOMPARE(set.counts()[3], int64_t(7));
    QCOMPARE(set.counts()[0], int64_t(0));
    set.addRow("e", nullptr);
    QCOMPARE(set.counts().size(), size_t(5));
    set.meta().resize(5);
    set.meta()[4].layer = 2;
    set.addRow("f", nullptr);
    QCOMPARE(set.meta().size(), size_t(6));
    QCOMPARE(set.meta()[5].layer, -1);
    QCOMPARE(set.meta()[4].layer, 2);
  }

  void findFromManyThreads() {
    // A freshly built set is shared read-only between threads (GUI workers): find() must not
    // write. (Checked for races under the sanitizer builds; here, that answers stay right.)
    std::vector<std::string> labels;
    for (int i = 0; i < 20000; ++i) labels.push_back(word(i));
    const EmbeddingSet set(labels, 1);
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (int i = t; i < 20000; i += 3)
          if (set.find(word(i)) != i) ++wrong;
      });
    for (auto& th : threads) th.join();
    QCOMPARE(wrong.load(), 0);
  }

  void reserveKeepsContents() {
    EmbeddingSet set({"a"}, 3);
    set.row(0)[1] = 2.0f;
    set.reserve(1000);
    QCOMPARE(set.row(0)[1], 2.0f);
    QCOMPARE(set.find("a"), int64_t(0));
  }
};

QTEST_APPLESS_MAIN(TestEmbeddingSet)
#include "test_embedding_set.moc"
