// Nearest neighbours and analogies: known answers on hand-made vectors, and the blocked,
// threaded paths against a plain loop on random data.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "core/embeddings/NearestNeighbors.h"

using namespace embedlab;

namespace {

EmbeddingSet makeSet(const std::vector<std::string>& labels, const std::vector<std::vector<float>>& rows) {
  EmbeddingSet set(labels, static_cast<int>(rows.front().size()));
  for (size_t r = 0; r < rows.size(); ++r) std::copy(rows[r].begin(), rows[r].end(), set.row(static_cast<int64_t>(r)));
  return set;
}

EmbeddingSet randomSet(int rows, int dim, unsigned seed) {
  std::vector<std::string> labels;
  for (int r = 0; r < rows; ++r) labels.push_back(std::to_string(r));
  EmbeddingSet set(labels, dim);
  std::mt19937 rng(seed);
  std::normal_distribution<float> dist;
  for (int64_t i = 0; i < int64_t(rows) * dim; ++i) set.data()[i] = dist(rng);
  return set;
}

double cosine(const float* x, const float* y, int dim) {
  double xy = 0, xx = 0, yy = 0;
  for (int d = 0; d < dim; ++d) {
    xy += double(x[d]) * y[d];
    xx += double(x[d]) * x[d];
    yy += double(y[d]) * y[d];
  }
  return (xx > 0 && yy > 0) ? xy / std::sqrt(xx * yy) : 0.0;
}

// The plain loop the fast paths must agree with.
std::vector<Neighbor> naiveNearest(const EmbeddingSet& set, const float* q, int k, int64_t exclude) {
  std::vector<Neighbor> all;
  for (int64_t r = 0; r < set.rows(); ++r)
    if (r != exclude) all.push_back({r, float(cosine(set.row(r), q, set.dim()))});
  std::stable_sort(all.begin(), all.end(), [](auto& a, auto& b) { return a.score > b.score; });
  all.resize(std::min<size_t>(all.size(), size_t(k)));
  return all;
}

std::vector<Neighbor> naiveAnalogy(const EmbeddingSet& set, int64_t a, int64_t b, int64_t c, int k, AnalogyMethod m) {
  std::vector<Neighbor> all;
  for (int64_t x = 0; x < set.rows(); ++x) {
    if (x == a || x == b || x == c) continue;
    const double ca = cosine(set.row(x), set.row(a), set.dim());
    const double cb = cosine(set.row(x), set.row(b), set.dim());
    const double cc = cosine(set.row(x), set.row(c), set.dim());
    const double s = m == AnalogyMethod::CosAdd ? cb - ca + cc
                                                : ((cb + 1) / 2) * ((cc + 1) / 2) / ((ca + 1) / 2 + 1e-3);
    all.push_back({x, float(s)});
  }
  std::stable_sort(all.begin(), all.end(), [](auto& p, auto& q) { return p.score > q.score; });
  all.resize(std::min<size_t>(all.size(), size_t(k)));
  return all;
}

}  // namespace

class TestNearestNeighbors : public QObject {
  Q_OBJECT
 private slots:
  void knownNeighbours() {
    // 2-D: r1 is 6 degrees from r0, r2 orthogonal, r3 opposite, r4 a zero row.
    EmbeddingSet set = makeSet({"east", "east-ish", "north", "west", "zero"},
                               {{2, 0}, {0.9f, 0.1f}, {0, 3}, {-1, 0}, {0, 0}});
    NearestNeighbors nn(set);
    auto n = nn.nearest(int64_t(0), 4);
    QCOMPARE(n.size(), size_t(4));
    QCOMPARE(n[0].row, int64_t(1));
    QVERIFY(std::fabs(n[0].score - 0.9f / std::sqrt(0.82f)) < 1e-6f);
    // north and the zero row both have cosine 0: the lower row comes first.
    QCOMPARE(n[1].row, int64_t(2));
    QCOMPARE(n[2].row, int64_t(4));
    QCOMPARE(n[3].row, int64_t(3));
    QVERIFY(std::fabs(n[3].score + 1.0f) < 1e-6f);
    QCOMPARE(nn.norm(0), 2.0f);
    QCOMPARE(nn.norm(4), 0.0f);
    // A free query (unnormalised), with an exclusion and a restriction to the first 3 rows.
    const float q[2] = {0, -5};
    auto m = nn.nearest(q, 2, {1});
    QCOMPARE(m[0].row, int64_t(0));  // cos 0, lowest row among the zeros
    QCOMPARE(nn.nearest(q, 10, {}, 3).size(), size_t(3));
    QVERIFY(nn.nearest(int64_t(0), 0).empty());
    QVERIFY_THROWS_EXCEPTION(std::exception, nn.nearest(99, 3));
  }

  void knownAnalogies() {
    // Dimensions: royal, male, female, fruit.
    EmbeddingSet set = makeSet({"man", "woman", "king", "queen", "apple", "prince"},
                               {{0, 1, 0, 0}, {0, 0, 1, 0}, {1, 1, 0, 0}, {1, 0, 1, 0}, {0, 0, 0, 1}, {1, 1.2f, 0, 0.1f}});
    NearestNeighbors nn(set);
    for (AnalogyMethod m : {AnalogyMethod::CosAdd, AnalogyMethod::CosMul}) {
      // man : king :: woman : queen
      auto a = nn.analogy(0, 2, 1, 3, m);
      QCOMPARE(a.size(), size_t(3));
      QCOMPARE(a[0].row, int64_t(3));
      for (const Neighbor& n : a) QVERIFY(n.row != 0 && n.row != 1 && n.row != 2);
      auto expected = naiveAnalogy(set, 0, 2, 1, 3, m);
      for (size_t i = 0; i < a.size(); ++i) QCOMPARE(a[i].row, expected[i].row);
      // queen's 3CosAdd score is its cosine with normalise(king^ - man^ + woman^), worked out by hand.
      if (m == AnalogyMethod::CosAdd) {
        const double h = std::sqrt(0.5);
        const double v[4] = {h, h - 1, 1, 0};
        const double len = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        QVERIFY(std::fabs(a[0].score - (h * v[0] + h * v[2]) / len) < 1e-5);
      } else {
        // 3CosMul by hand: cos(q,king)=1/2, cos(q,woman)=h, cos(q,man)=0.
        const double h = std::sqrt(0.5);
        const double s = (0.75) * ((h + 1) / 2) / (0.5 + 1e-3);
        QVERIFY(std::fabs(a[0].score - s) < 1e-5);
      }
    }
    // Every row but the three query words is a candidate.
    QCOMPARE(nn.analogy(0, 2, 1, 100).size(), size_t(3));
    // Restricted to the first 4 rows, only queen remains.
    auto r = nn.analogy(0, 2, 1, 10, AnalogyMethod::CosAdd, 4);
    QCOMPARE(r.size(), size_t(1));
    QCOMPARE(r[0].row, int64_t(3));
  }

  void sameWordExcludesOtherSpellings() {
    // Row 4 is another spelling of "woman" (row 1): with the map it must not be an answer.
    EmbeddingSet set = makeSet({"man", "woman", "king", "queen", "Woman"},
                               {{0, 1, 0}, {0, 0, 1}, {1, 1, 0}, {1, 0, 1}, {0.6f, 0, 1}});
    NearestNeighbors nn(set);
    auto plain = nn.analogy(0, 2, 1, 1);
    QCOMPARE(plain[0].row, int64_t(4));  // the near-copy of woman wins without the map
    std::vector<int64_t> same = {0, 1, 2, 3, 1};
    auto merged = nn.analogyBatch({{0, 2, 1}}, 1, AnalogyMethod::CosAdd, 0, &same);
    QCOMPARE(merged[0][0].row, int64_t(3));
  }

  void blockedEqualsNaive() {
    EmbeddingSet set = randomSet(700, 24, 5);
    for (int threads : {1, 2}) {
      NearestNeighbors::Options options;
      options.blockRows = 64;  // many blocks
      options.threads = threads;
      NearestNeighbors nn(set, options);
      const int n = 40, k = 6;
      std::vector<float> queries(size_t(n) * 24);
      std::vector<int64_t> self(n);
      for (int i = 0; i < n; ++i) {
        std::copy_n(set.row(i * 17), 24, queries.data() + i * 24);
        self[i] = i * 17;
      }
      auto batch = nn.nearestBatch(queries.data(), n, k, self);
      QCOMPARE(batch.size(), size_t(n));
      for (int i = 0; i < n; ++i) {
        auto expected = naiveNearest(set, set.row(i * 17), k, i * 17);
        auto single = nn.nearest(i * 17, k);
        QCOMPARE(batch[i].size(), size_t(k));
        for (int j = 0; j < k; ++j) {
          QCOMPARE(batch[i][j].row, expected[j].row);
          QCOMPARE(single[j].row, expected[j].row);
          QVERIFY(std::fabs(batch[i][j].score - expected[j].score) < 1e-5f);
        }
      }
      std::vector<AnalogyQuery> qs;
      std::mt19937 rng(3);
      std::uniform_int_distribution<int64_t> pick(0, 699);
      for (int i = 0; i < 30; ++i) qs.push_back({pick(rng), pick(rng), pick(rng)});
      for (AnalogyMethod m : {AnalogyMethod::CosAdd, AnalogyMethod::CosMul}) {
        auto answers = nn.analogyBatch(qs, 3, m);
        for (size_t i = 0; i < qs.size(); ++i) {
          auto expected = naiveAnalogy(set, qs[i].a, qs[i].b, qs[i].c, 3, m);
          for (size_t j = 0; j < expected.size(); ++j) QCOMPARE(answers[i][j].row, expected[j].row);
          if (m == AnalogyMethod::CosMul)
            QVERIFY(std::fabs(answers[i][0].score - expected[0].score) < 1e-4f);
        }
      }
    }
  }

  // Large sets answer single queries from an fp16 scan plus float32 re-scoring. Rows here differ
  // from a shared direction by perturbations that spread their cosines ~2e-6 apart: below
  // the fp16 scan's error (~1e-5 typical) and far above float32's: fp16 alone would scramble them,
  // the re-scored one must equal the exact ranking.
  void halfPrecisionScanIsExact() {
    const int rows = 6000, dim = 200;  // 1.2M values: above the fp16 threshold
    EmbeddingSet set = randomSet(rows, dim, 11);
    std::mt19937 rng(12);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    const float* base = set.row(0);
    for (int r = 1; r <= 40; ++r)  // 40 near-copies of row 0
      for (int d = 0; d < dim; ++d) set.row(r)[d] = base[d] + 0.02f * noise(rng);
    for (int threads : {1, 2}) {
      NearestNeighbors::Options options;
      options.threads = threads;
      NearestNeighbors nn(set, options);
      for (int64_t query : {int64_t(0), int64_t(7), int64_t(100), int64_t(5999)}) {
        const int k = 25;
        auto got = nn.nearest(query, k);
        auto expected = naiveNearest(set, set.row(query), k, query);
        QCOMPARE(got.size(), expected.size());
        for (int j = 0; j < k; ++j) {
          QCOMPARE(got[j].row, expected[j].row);
          QVERIFY(std::fabs(got[j].score - expected[j].score) < 1e-5f);
        }
      }
      // Exclusions and a restricted candidate range take the same path.
      std::vector<int64_t> exclude = {1, 2, 3};
      auto restricted = nn.nearest(set.row(0), 5, exclude, 3000);
      std::vector<Neighbor> all;
      for (int64_t r = 0; r < 3000; ++r)
        if (r > 3) all.push_back({r, float(cosine(set.row(r), set.row(0), dim))});
      all.push_back({0, 1.0f});
      std::stable_sort(all.begin(), all.end(), [](auto& a, auto& b) { return a.score > b.score; });
      QCOMPARE(restricted.size(), size_t(5));
      for (int j = 0; j < 5; ++j) QCOMPARE(restricted[j].row, all[j].row);
    }
  }

  void stopAndProgress() {
    EmbeddingSet set = randomSet(300, 8, 2);
    NearestNeighbors::Options options;
    options.blockRows = 16;
    NearestNeighbors nn(set, options);
    StopToken stop;
    stop.requestStop();
    QVERIFY(nn.analogyBatch({{0, 1, 2}}, 1, AnalogyMethod::CosAdd, 0, nullptr, &stop).empty());
    int64_t lastStep = 0, total = 0;
    auto answers = nn.analogyBatch({{0, 1, 2}}, 1, AnalogyMethod::CosAdd, 0, nullptr, nullptr, [&](const Progress& p) {
      lastStep = p.step;
      total = p.total;
    });
    QCOMPARE(answers.size(), size_t(1));
    QVERIFY(total > 0);
    QCOMPARE(lastStep, total);  // the last report says "done"
  }
};

QTEST_APPLESS_MAIN(TestNearestNeighbors)
#include "test_nearest_neighbors.moc"
