// embedlab-cli project end to end: PCA and t-SNE maps of three planted clusters written as
// word<TAB>x<TAB>y, the JSON summary, the choice of rows and components, determinism with one
// thread and a seed, Ctrl-C, and the errors for bad flags and files (right exit code, one line
// naming the flag or file, no output file left behind).
#include <signal.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/CliRunner.h"
#include "support/TestPaths.h"

using json = nlohmann::ordered_json;  // keeps the key order of the output

namespace {

constexpr int kClusters = 3, kPerCluster = 60, kDim = 10;
constexpr int kPoints = kClusters * kPerCluster;

using embedlab::test::CliRun;
using embedlab::test::runCli;

json parseOutput(const CliRun& r) { return embedlab::test::parseJsonOutput<json>(r); }

// Word i belongs to cluster i % 3, so that any prefix of the file (--top) holds all three.
int clusterOf(int i) { return i % kClusters; }
QString wordOf(int i) { return QString("c%1w%2").arg(clusterOf(i)).arg(i, 3, 10, QChar('0')); }

// Three well-separated Gaussian blobs in 10-D: centres 12 apart on the first three axes, unit
// noise. A small LCG + Box-Muller keeps the file identical on every run and platform.
QByteArray clusterVectors() {
  uint64_t state = 0x9e3779b97f4a7c15ull;
  auto uniform = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (static_cast<double>(state >> 11) + 0.5) * 0x1.0p-53;  // (0, 1)
  };
  auto normal = [&] { return std::sqrt(-2.0 * std::log(uniform())) * std::cos(6.283185307179586 * uniform()); };
  QByteArray text = QByteArray::number(kPoints) + " " + QByteArray::number(kDim) + "\n";
  for (int i = 0; i < kPoints; ++i) {
    text += wordOf(i).toUtf8();
    for (int j = 0; j < kDim; ++j) {
      const double centre = j == clusterOf(i) ? 12.0 : 0.0;
      text += ' ' + QByteArray::number(centre + normal(), 'f', 5);
    }
    text += '\n';
  }
  return text;
}

struct MapPoint {
  QString word;
  double x = 0, y = 0;
};

// Parses the TSV written by `project`: every line exactly word<TAB>x<TAB>y with finite numbers.
std::vector<MapPoint> readMap(const QString& path) {
  std::vector<MapPoint> points;
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    qWarning("cannot open %s", qPrintable(path));
    return points;
  }
  const QByteArray all = f.readAll();
  if (!all.endsWith('\n')) {
    qWarning("%s: last line has no newline", qPrintable(path));
    return {};
  }
  for (const QByteArray& line : all.left(all.size() - 1).split('\n')) {
    const QList<QByteArray> fields = line.split('\t');
    if (fields.size() != 3) {
      qWarning("%s: not 3 columns: %s", qPrintable(path), line.constData());
      return {};
    }
    MapPoint p;
    p.word = QString::fromUtf8(fields[0]);
    bool okX = false, okY = false;
    p.x = fields[1].toDouble(&okX);
    p.y = fields[2].toDouble(&okY);
    if (!okX || !okY || !std::isfinite(p.x) || !std::isfinite(p.y)) {
      qWarning("%s: bad numbers: %s", qPrintable(path), line.constData());
      return {};
    }
    points.push_back(p);
  }
  return points;
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Fraction of points whose k nearest map neighbours all share their cluster. Words carry their
// cluster in the name (c<k>w...), so this checks the map, not the file order.
double neighbourPurity(const std::vector<MapPoint>& points, int k) {
  int pure = 0;
  for (size_t i = 0; i < points.size(); ++i) {
    std::vector<std::pair<double, size_t>> byDistance;
    for (size_t j = 0; j < points.size(); ++j) {
      if (j == i) continue;
      const double dx = points[i].x - points[j].x, dy = points[i].y - points[j].y;
      byDistance.push_back({dx * dx + dy * dy, j});
    }
    std::partial_sort(byDistance.begin(), byDistance.begin() + k, byDistance.end());
    bool allSame = true;
    for (int t = 0; t < k; ++t) allSame = allSame && points[byDistance[t].second].word.left(2) == points[i].word.left(2);
    pure += allSame ? 1 : 0;
  }
  return static_cast<double>(pure) / static_cast<double>(points.size());
}

// Separation of the clusters on the map: the smallest distance between two cluster centroids over
// the largest distance of a point from its own centroid (> 1: the clusters' discs do not overlap).
double separation(const std::vector<MapPoint>& points) {
  double cx[kClusters] = {}, cy[kClusters] = {};
  int count[kClusters] = {};
  auto clusterOfWord = [](const QString& w) { return w.mid(1, 1).toInt(); };
  for (const MapPoint& p : points) {
    const int c = clusterOfWord(p.word);
    cx[c] += p.x, cy[c] += p.y, ++count[c];
  }
  for (int c = 0; c < kClusters; ++c) cx[c] /= count[c], cy[c] /= count[c];
  double radius = 0, gap = INFINITY;
  for (const MapPoint& p : points) {
    const int c = clusterOfWord(p.word);
    radius = std::max(radius, std::hypot(p.x - cx[c], p.y - cy[c]));
  }
  for (int a = 0; a < kClusters; ++a)
    for (int b = a + 1; b < kClusters; ++b) gap = std::min(gap, std::hypot(cx[a] - cx[b], cy[a] - cy[b]));
  return gap / (2 * radius);
}

}  // namespace

class TestCliProject : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  QString vectors_;

  QString path(const QString& name) const { return tmp_.filePath(name); }

  // A failing run: the exit code, one line on stderr naming `mention`, no stdout, and neither the
  // output nor its temporary file left behind.
  void expectFailure(const QStringList& args, int exitCode, const QString& mention, const QString& outName) {
    const CliRun r = runCli(args);
    QVERIFY2(!r.crashed, qPrintable(args.join(' ')));
    QVERIFY2(r.exitCode == exitCode, qPrintable(QString("exit %1, expected %2 for: %3\nstderr: %4")
                                                    .arg(r.exitCode)
                                                    .arg(exitCode)
                                                    .arg(args.join(' '), QString::fromUtf8(r.err))));
    QVERIFY2(r.err.contains(mention.toUtf8()),
             qPrintable("stderr does not name '" + mention + "': " + QString::fromUtf8(r.err)));
    QVERIFY2(r.err.startsWith("embedlab-cli: ") && r.err.count('\n') == 1, r.err.constData());
    QVERIFY2(r.out.isEmpty(), r.out.constData());
    const QStringList left = QDir(tmp_.path()).entryList({outName + "*"}, QDir::Files | QDir::Hidden);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(' ') + " left behind"));
  }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    QVERIFY2(QFileInfo(QString::fromStdString(embedlab::test::cliPath())).isExecutable(),
             embedlab::test::cliPath().c_str());
    vectors_ = path("clusters.vec");
    QFile f(vectors_);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(clusterVectors()) > 0, true);
    f.close();
    QFile empty(path("empty.vec"));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    QFile prose(path("prose.vec"));
    QVERIFY(prose.open(QIODevice::WriteOnly));
    prose.write("this is not a vectors file\njust some words on lines\n");
  }

  void help() {
    const CliRun r = runCli({"project", "--help"});
    QCOMPARE(r.exitCode, 0);
    for (const char* flag : {"--method pca|tsne", "--perplexity P", "--top N", "--components I,J", "--tsne-method"})
      QVERIFY2(r.out.contains(flag), flag);
  }

  void pcaMap() {
    const QString out = path("pca.tsv");
    const CliRun r = runCli({"project", "--vectors", vectors_, "--method", "pca", "--out", out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = parseOutput(r);
    QCOMPARE(j.begin().key(), std::string("n"));
    QCOMPARE(j["n"].get<int64_t>(), int64_t(kPoints));
    QVERIFY(j["seconds"].is_number() && j["seconds"].get<double>() >= 0);
    QVERIFY2(!j.contains("kl_divergence"), r.out.constData());  // t-SNE only
    QVERIFY(j["explained_variance_ratio"].is_array() && j["explained_variance_ratio"].size() == 2);
    // The two between-cluster directions carry most of the variance (144 / 3 each against ~1 per axis).
    const double v1 = j["explained_variance_ratio"][0], v2 = j["explained_variance_ratio"][1];
    QVERIFY2(v1 >= v2 && v1 + v2 > 0.7, r.out.constData());

    const std::vector<MapPoint> map = readMap(out);
    QCOMPARE(int(map.size()), kPoints);
    for (int i = 0; i < kPoints; ++i) QCOMPARE(map[i].word, wordOf(i));  // file order
    const double s = separation(map);
    QVERIFY2(s > 1.0, qPrintable(QString("PCA clusters overlap: separation %1").arg(s)));
    QCOMPARE(neighbourPurity(map, 5), 1.0);
  }

  // --components 2,3 plots the second component on x: the y column of the default 1,2 map.
  void pcaComponents() {
    const QString a = path("pca12.tsv"), b = path("pca23.tsv");
    QCOMPARE(runCli({"project", "--vectors", vectors_, "--method", "pca", "--threads", "1", "--out", a}).exitCode, 0);
    const CliRun r =
        runCli({"project", "--vectors", vectors_, "--method", "pca", "--threads", "1", "--components", "2,3", "--out", b});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(parseOutput(r)["components"], json({2, 3}));
    const std::vector<MapPoint> m12 = readMap(a), m23 = readMap(b);
    QCOMPARE(int(m23.size()), kPoints);
    QCOMPARE(int(m12.size()), kPoints);
    for (int i = 0; i < kPoints; ++i)
      QVERIFY2(std::abs(m12[i].y - m23[i].x) <= 1e-4 * (1 + std::abs(m12[i].y)),
               qPrintable(QString("row %1: %2 vs %3").arg(i).arg(m12[i].y).arg(m23[i].x)));
  }

  void tsneMap_data() {
    QTest::addColumn<QString>("method");
    QTest::newRow("auto") << "auto";  // exact below 500 points
    QTest::newRow("bh") << "bh";
    // fft is checked by tsneFftMethod: its grid costs the same for 180 points as for 100k.
  }
  void tsneMap() {
    QFETCH(QString, method);
    const QString out = path("tsne-" + method + ".tsv");
    const CliRun r = runCli({"project", "--vectors", vectors_, "--method", "tsne", "--tsne-method", method,
                             "--perplexity", "20", "--iterations", "400", "--seed", "3", "--out", out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = parseOutput(r);
    auto key = j.begin();
    for (const char* expected : {"n", "seconds", "kl_divergence"}) QCOMPARE((key++).key(), std::string(expected));
    QCOMPARE(j["n"].get<int64_t>(), int64_t(kPoints));
    QVERIFY(j["seconds"].get<double>() >= 0);
    const double kl = j["kl_divergence"];
    QVERIFY2(std::isfinite(kl) && kl > 0 && kl < 3, r.out.constData());
    QCOMPARE(j["tsne_method"].get<std::string>(), method == "auto" ? std::string("exact") : method.toStdString());
    QCOMPARE(j["iterations"].get<int>(), 400);

    const std::vector<MapPoint> map = readMap(out);
    QCOMPARE(int(map.size()), kPoints);
    QCOMPARE(neighbourPurity(map, 10), 1.0);
    const double s = separation(map);
    QVERIFY2(s > 1.0, qPrintable(QString("t-SNE clusters overlap: separation %1").arg(s)));
  }

  // --tsne-method fft reaches the core (a few iterations only: the FFT grid has at least 150 x 150
  // nodes whatever N, so a full run on a tiny map is slow; core/project's tests cover its quality).
  void tsneFftMethod() {
    const QString out = path("tsne-fft.tsv");
    const CliRun r = runCli({"project", "--vectors", vectors_, "--method", "tsne", "--tsne-method", "fft",
                             "--iterations", "10", "--out", out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = parseOutput(r);
    QCOMPARE(j["tsne_method"].get<std::string>(), std::string("fft"));
    QVERIFY(std::isfinite(j["kl_divergence"].get<double>()));
    QCOMPARE(int(readMap(out).size()), kPoints);
  }

  // --top N maps the first N rows, in file order.
  void topRows() {
    const QString out = path("top.tsv");
    const CliRun r = runCli({"project", "--vectors", vectors_, "--top", "50", "--method", "tsne", "--perplexity",
                             "10", "--iterations", "300", "--out", out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(parseOutput(r)["n"].get<int64_t>(), int64_t(50));
    const std::vector<MapPoint> map = readMap(out);
    QCOMPARE(int(map.size()), 50);
    for (int i = 0; i < 50; ++i) QCOMPARE(map[i].word, wordOf(i));
    // More rows than the file: all of them, with a warning.
    const CliRun all = runCli({"project", "--vectors", vectors_, "--top", "1000", "--method", "pca", "--out", out});
    QVERIFY2(all.exitCode == 0, all.err.constData());
    QCOMPARE(parseOutput(all)["n"].get<int64_t>(), int64_t(kPoints));
    QVERIFY2(all.err.contains("warning") && all.err.contains("--top"), all.err.constData());
  }

  // One thread and a seed: the same bytes on every run, for both methods.
  void deterministic() {
    for (const QString method : {"tsne", "pca"}) {
      QByteArray files[2];
      for (int i = 0; i < 2; ++i) {
        const QString out = path(QString("det-%1-%2.tsv").arg(method).arg(i));
        QStringList args{"project", "--vectors", vectors_, "--method", method, "--threads", "1", "--seed", "11",
                         "--out", out};
        if (method == "tsne") args << "--iterations" << "300" << "--tsne-method" << "bh";
        const CliRun r = runCli(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        files[i] = readAll(out);
      }
      QVERIFY(!files[0].isEmpty());
      QVERIFY2(files[0] == files[1], qPrintable(method));
    }
  }

  void badInput_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mention");
    const QString v = path("clusters.vec"), out = path("bad.tsv");
    const QStringList pca{"project", "--vectors", v, "--out", out, "--method", "pca"};
    const QStringList tsne{"project", "--vectors", v, "--out", out, "--method", "tsne"};
    QTest::newRow("missing file") << QStringList{"project", "--vectors", path("nope.vec"), "--out", out, "--method",
                                                 "pca"}
                                  << 1 << "nope.vec";
    QTest::newRow("empty file") << QStringList{"project", "--vectors", path("empty.vec"), "--out", out, "--method",
                                               "tsne"}
                                << 1 << "empty.vec";
    QTest::newRow("not vectors") << QStringList{"project", "--vectors", path("prose.vec"), "--out", out, "--method",
                                                "pca"}
                                 << 1 << "prose.vec";
    QTest::newRow("method foo") << QStringList{"project", "--vectors", v, "--out", out, "--method", "foo"} << 2
                                << "--method";
    QTest::newRow("no method") << QStringList{"project", "--vectors", v, "--out", out} << 2 << "--method";
    QTest::newRow("no out") << QStringList{"project", "--vectors", v, "--method", "pca"} << 2 << "--out";
    QTest::newRow("perplexity too large") << (tsne + QStringList{"--perplexity", "200"}) << 2 << "--perplexity";
    QTest::newRow("perplexity too large for top") << (tsne + QStringList{"--top", "20", "--perplexity", "30"}) << 2
                                                  << "--perplexity";
    QTest::newRow("perplexity 0") << (tsne + QStringList{"--perplexity", "0"}) << 2 << "--perplexity";
    QTest::newRow("perplexity abc") << (tsne + QStringList{"--perplexity", "abc"}) << 2 << "--perplexity";
    QTest::newRow("top 0") << (pca + QStringList{"--top", "0"}) << 2 << "--top";
    QTest::newRow("top -5") << (tsne + QStringList{"--top", "-5"}) << 2 << "--top";
    QTest::newRow("top 2 for tsne") << (tsne + QStringList{"--top", "2"}) << 2 << "--top";
    QTest::newRow("iterations 0") << (tsne + QStringList{"--iterations", "0"}) << 2 << "--iterations";
    QTest::newRow("tsne-method xyz") << (tsne + QStringList{"--tsne-method", "xyz"}) << 2 << "--tsne-method";
    QTest::newRow("learning-rate -1") << (tsne + QStringList{"--learning-rate", "-1"}) << 2 << "--learning-rate";
    QTest::newRow("perplexity with pca") << (pca + QStringList{"--perplexity", "5"}) << 2 << "--perplexity";
    QTest::newRow("components with tsne") << (tsne + QStringList{"--components", "1,2"}) << 2 << "--components";
    QTest::newRow("components 1,1") << (pca + QStringList{"--components", "1,1"}) << 2 << "--components";
    QTest::newRow("components 0,1") << (pca + QStringList{"--components", "0,1"}) << 2 << "--components";
    QTest::newRow("components 2") << (pca + QStringList{"--components", "2"}) << 2 << "--components";
    QTest::newRow("components beyond dim") << (pca + QStringList{"--components", "1,11"}) << 2 << "--components";
    QTest::newRow("threads -1") << (pca + QStringList{"--threads", "-1"}) << 2 << "--threads";
    QTest::newRow("out in missing dir") << QStringList{"project", "--vectors", v, "--out", path("no/dir/bad.tsv"),
                                                       "--method", "pca"}
                                        << 1 << "no/dir";
  }
  void badInput() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, mention);
    expectFailure(args, exitCode, mention, "bad.tsv");
  }

  // Ctrl-C during the optimisation: exit 1, "interrupted", and no map (nor temporary file) written.
  void interruptWritesNothing() {
    const QString out = path("interrupted.tsv");
    QProcess p;
    p.start(QString::fromStdString(embedlab::test::cliPath()),
            {"project", "--vectors", vectors_, "--method", "tsne", "--iterations", "1000000", "--tsne-method", "exact",
             "--threads", "1", "--out", out});
    QVERIFY(p.waitForStarted(10000));
    // Wait for the optimisation to report progress (a plain line every ~2 s when not a terminal).
    QByteArray err;
    QElapsedTimer timer;
    timer.start();
    while (!err.contains("training") && timer.elapsed() < 60000 && p.state() == QProcess::Running) {
      p.waitForReadyRead(200);
      err += p.readAllStandardError();
    }
    QVERIFY2(err.contains("training"), err.constData());
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(30000));
    err += p.readAllStandardError();
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 1);
    QVERIFY2(err.contains("interrupted"), err.constData());
    QVERIFY(p.readAllStandardOutput().isEmpty());
    QVERIFY2(QDir(tmp_.path()).entryList({"interrupted*"}, QDir::Files | QDir::Hidden).isEmpty(),
             "output or temporary file left behind");
  }
};

QTEST_GUILESS_MAIN(TestCliProject)
#include "test_cli_project.moc"
