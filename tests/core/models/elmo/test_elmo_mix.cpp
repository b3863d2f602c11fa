// The learned scalar mix on a downstream task: finite differences of the joint loss in s, γ, W
// and b; the weights leave the uniform start for the one informative layer of a planted task; the
// live progress carries the weights every epoch and a stop ends the work; and the whole job on a
// tiny saved biLM and a tiny generated task directory beats chance for every row it reports.
#include <QtTest/QtTest>

#include <QTemporaryDir>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/models/elmo/ElmoCheckpoint.h"
#include "core/models/elmo/ElmoMixTrainer.h"
#include "core/models/elmo/ScalarMixClassifier.h"
#include "core/nn/GradCheck.h"
#include "core/util/Error.h"

using namespace embedlab;
using namespace embedlab::elmo;

namespace {

// (N,K,D) features where only layer `informative` depends on the label: class c adds a fixed
// random centre to it; every layer has unit Gaussian noise.
struct Planted {
  std::vector<float> x;
  std::vector<int> y;
};

Planted plant(int64_t N, int K, int D, int C, int informative, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> g(0.0f, 1.0f);
  std::mt19937_64 centreRng(99);
  std::vector<float> centres(static_cast<size_t>(C) * D);
  for (auto& v : centres) v = 1.5f * g(centreRng);
  Planted p;
  for (int64_t i = 0; i < N; ++i) {
    const int c = static_cast<int>(i % C);
    p.y.push_back(c);
    for (int k = 0; k < K; ++k)
      for (int d = 0; d < D; ++d) p.x.push_back(g(rng) + (k == informative ? centres[c * D + d] : 0.0f));
  }
  return p;
}

void writeTask(const std::string& dir) {
  std::filesystem::create_directories(dir);
  const char* animals[] = {"cat", "dog", "horse", "cow", "sheep", "bird"};
  const char* vehicles[] = {"car", "bus", "train", "truck", "bicycle", "plane"};
  const char* fillers[] = {"the", "a", "saw", "near", "big", "small", "old"};
  std::mt19937 rng(4);
  for (const char* split : {"train", "test"}) {
    std::ofstream out(dir + "/" + split + ".tsv");
    const int n = std::string(split) == "train" ? 120 : 60;
    for (int i = 0; i < n; ++i) {
      const bool animal = i % 2 == 0;
      out << (animal ? "animal" : "vehicle") << "\t";
      for (int w = 0; w < 6; ++w) {
        if (w % 2 == 0)
          out << (animal ? animals[rng() % 6] : vehicles[rng() % 6]);
        else
          out << fillers[rng() % 7];
        out << (w < 5 ? " " : "\n");
      }
    }
  }
}

}  // namespace

class TestElmoMix : public QObject {
  Q_OBJECT

 private slots:
  void gradientMatchesFiniteDifferences() {
    const int K = 3, D = 5, C = 4;
    const Planted p = plant(12, K, D, C, 1, 3);
    ScalarMixClassifier m(K, D, C);
    // Away from the symmetric start, where every direction of s looks the same.
    float* s = m.params().data("s");
    s[0] = 0.3f, s[1] = -0.5f, s[2] = 0.8f;
    m.params().data("gamma")[0] = 1.3f;
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> u(-0.5f, 0.5f);
    float* w = m.params().data("W");
    for (int i = 0; i < C * D; ++i) w[i] = u(rng);
    std::vector<int64_t> rows = {0, 3, 5, 6, 7, 11};
    m.params().zeroGrad();
    const double l = m.lossAndGradient(p.x.data(), p.y.data(), rows.data(), 6);
    QVERIFY(std::fabs(l - m.loss(p.x.data(), p.y.data(), rows.data(), 6)) < 1e-9);
    auto& params = m.params();
    const std::vector<float> analytic(params.grads(), params.grads() + params.bufferSize());
    nn::GradCheckOptions go;
    go.step = 1e-2;
    const nn::GradCheckResult r = nn::checkGradient(
        params.params(), analytic.data(), static_cast<int64_t>(params.bufferSize()),
        [&] { return m.loss(p.x.data(), p.y.data(), rows.data(), 6); }, go);
    qInfo("relative error %.2e over %lld entries", r.relError, static_cast<long long>(r.checked));
    QVERIFY(r.relError < 1e-3);
    QVERIFY(std::fabs(analytic[params.view("s").offset]) > 1e-6);
    QVERIFY(std::fabs(analytic[params.view("gamma").offset]) > 1e-6);
  }

  void weightsFindTheInformativeLayer() {
    const int K = 3, D = 8, C = 3;
    const Planted train = plant(300, K, D, C, 1, 5), test = plant(150, K, D, C, 1, 6);
    ScalarMixClassifierOptions o;
    o.epochs = 30;
    ScalarMixClassifier m(K, D, C, o);
    const std::vector<float> start = m.weights();
    for (float w : start) QCOMPARE(w, 1.0f / 3.0f);
    int epochs = 0;
    QVERIFY(m.fit(train.x.data(), train.y, [&](const MixEpoch& e) {
      ++epochs;
      QCOMPARE(static_cast<int>(e.weights.size()), K);
    }));
    QCOMPARE(epochs, o.epochs);
    const std::vector<float> w = m.weights();
    qInfo("weights %.3f %.3f %.3f, gamma %.3f", w[0], w[1], w[2], m.gamma());
    QVERIFY(w[1] > 0.6f);
    QVERIFY(w[1] > 2 * w[0] && w[1] > 2 * w[2]);
    const std::vector<int> pred = m.predict(test.x.data(), 150);
    int right = 0;
    for (int i = 0; i < 150; ++i) right += pred[i] == test.y[i];
    QVERIFY(right > 0.8 * 150);
  }

  void evaluatePooledReportsLiveAndStops() {
    const int K = 3, D = 8, C = 3;
    Planted train = plant(240, K, D, C, 2, 7), test = plant(90, K, D, C, 2, 8);
    ElmoMixOptions o;
    o.mix.epochs = 15;
    o.classifier.fixedC = 1.0;
    ElmoMixTrainer t(o);
    StopToken token;
    int live = 0;
    bool sawFinished = false;
    QVERIFY(t.evaluatePooled(train.x, train.y, test.x, test.y, K, D, C, C,
                             [&](const Progress& p) {
                               if (p.phase == "mix") {
                                 ++live;
                                 QCOMPARE(p.extras.size(), size_t(K + 2));
                                 QCOMPARE(p.extras[0].first, std::string("mix_w0"));
                                 double sum = 0;
                                 for (int j = 0; j < K; ++j) sum += p.extras[j].second;
                                 QVERIFY(std::fabs(sum - 1) < 1e-5);
                               }
                               sawFinished |= p.phase == "finished";
                             },
                             token));
    QCOMPARE(live, 15);
    QVERIFY(sawFinished);
    const ElmoMixResult& r = t.result();
    QCOMPARE(r.history.size(), size_t(15));
    QCOMPARE(r.layers.size(), size_t(3));
    qInfo("layers %.2f %.2f %.2f, mix %.2f (refit %.2f), weights %.2f %.2f %.2f",
          r.layers[0].metrics.accuracy, r.layers[1].metrics.accuracy, r.layers[2].metrics.accuracy,
          r.mix.accuracy, r.mixRefit.metrics.accuracy, r.weights[0], r.weights[1], r.weights[2]);
    QVERIFY(r.layers[2].metrics.accuracy > 0.8);
    QVERIFY(r.layers[0].metrics.accuracy < 0.6);
    QVERIFY(r.mix.accuracy > 0.8);
    QVERIFY(r.haveRefit && r.mixRefit.metrics.accuracy > 0.8);
    QVERIFY(r.weights[2] > r.weights[0] && r.weights[2] > r.weights[1]);

    // A stop from the sink after the first epoch ends the work without the later rows.
    ElmoMixTrainer s(o);
    StopToken stop;
    QVERIFY(!s.evaluatePooled(train.x, train.y, test.x, test.y, K, D, C, C,
                              [&](const Progress& p) {
                                if (p.phase == "mix") stop.requestStop();
                              },
                              stop));
    QCOMPARE(s.result().history.size(), size_t(1));
    QVERIFY(s.result().layers.empty());
    // Bad sizes are an Error, not a crash.
    QVERIFY_THROWS_EXCEPTION(Error, t.evaluatePooled(train.x, train.y, {1.0f}, test.y, K, D, C, C, {}, token));
  }

  void wholeJobOnATinyModelBeatsChance() {
    QTemporaryDir dir;
    ElmoOptions mo;
    mo.charEmbed = 4;
    mo.maxChars = 12;
    mo.filters = {{1, 8}, {2, 8}, {3, 8}};
    mo.projection = 8;
    mo.lstmHidden = 8;
    ElmoModel model(mo, 5, 11);
    const std::string modelDir = dir.filePath("model").toStdString();
    ElmoCheckpoint::save(modelDir, model, ElmoVocabulary::fromWords({"cat", "car"}), {});
    const std::string taskDir = dir.filePath("task").toStdString();
    writeTask(taskDir);

    ElmoMixOptions o;
    o.modelDir = modelDir;
    o.taskDir = taskDir;
    o.mix.epochs = 20;
    o.classifier.fixedC = 1.0;
    o.threads = 2;
    ElmoMixTrainer t(o);
    StopToken token;
    std::vector<std::string> phases;
    const JobResult jr = t.run([&](const Progress& p) {
      if (phases.empty() || phases.back() != p.phase) phases.push_back(p.phase);
    }, token);
    QVERIFY2(jr.status == JobStatus::Finished, jr.message.c_str());
    const ElmoMixResult& r = t.result();
    QVERIFY((r.labels == std::vector<std::string>{"animal", "vehicle"}));
    QCOMPARE(r.trainExamples, int64_t(120));
    QCOMPARE(r.testExamples, int64_t(60));
    qInfo("layers %.2f %.2f %.2f, mix %.2f, weights %.2f %.2f %.2f gamma %.2f",
          r.layers[0].metrics.accuracy, r.layers[1].metrics.accuracy, r.layers[2].metrics.accuracy,
          r.mix.accuracy, r.weights[0], r.weights[1], r.weights[2], r.gamma);
    for (const auto& l : r.layers) QVERIFY(l.metrics.accuracy > 0.7);
    QVERIFY(r.mix.accuracy > 0.7);
    QVERIFY(r.mix.macroF1 > 0.6);
    QCOMPARE(phases.front(), std::string("loading"));
    QCOMPARE(phases.back(), std::string("finished"));

    ElmoMixOptions bad = o;
    bad.modelDir = dir.filePath("missing").toStdString();
    const JobResult br = ElmoMixTrainer(bad).run({}, token);
    QVERIFY(br.status == JobStatus::Failed);
    QVERIFY2(br.message.find("missing") != std::string::npos, br.message.c_str());
  }
};

QTEST_APPLESS_MAIN(TestElmoMix)
#include "test_elmo_mix.moc"
