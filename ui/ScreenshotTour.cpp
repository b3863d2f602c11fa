#include "ui/ScreenshotTour.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QSettings>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <functional>

#include "ui/charts/TrainingChart.h"
#include "ui/explore/MapPanel.h"
#include "ui/explore/MapWidget.h"
#include "ui/explore/ProjectionController.h"
#include "ui/models/ModelOptionsForm.h"
#include "ui/pages/DataPage.h"
#include "ui/pages/EvaluatePage.h"
#include "ui/pages/ExplorePage.h"
#include "ui/pages/TrainPage.h"
#include "ui/vectors/CurrentVectors.h"

namespace embedlab::ui {

namespace {

// Runs the event loop until `done` or the timeout; false on timeout.
bool waitFor(const std::function<bool()>& done, int timeoutMs) {
  QDeadlineTimer deadline(timeoutMs);
  while (!done()) {
    if (deadline.hasExpired()) return false;
    QApplication::processEvents(QEventLoop::AllEvents, 20);
    QThread::msleep(5);
  }
  return true;
}

void settle(int ms) { waitFor([] { return false; }, ms); }

}  // namespace

ScreenshotTour::ScreenshotTour(QString outDir, MainWindow::Options options)
    : outDir_(std::move(outDir)), options_(std::move(options)) {}

bool ScreenshotTour::shoot(MainWindow& window, const QString& name) {
  settle(400);  // let the charts' coalescing timers draw
  const QString path = QDir(outDir_).filePath(name + QStringLiteral(".png"));
  const bool ok = window.grab().save(path);
  std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "FAILED to write", qPrintable(path));
  if (!ok) ++failures_;
  return ok;
}

int ScreenshotTour::run() {
  QDir().mkpath(outDir_);
  QTemporaryDir scratch;
  if (options_.workspace.isEmpty()) options_.workspace = scratch.filePath(QStringLiteral("workspace"));
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, scratch.filePath(QStringLiteral("settings")));
  if (options_.language.isEmpty()) options_.language = QStringLiteral("en");
  options_.loadDefaultCorpus = true;

  MainWindow window(options_);
  window.resize(1280, 800);
  window.show();

  // 1. Data: the default corpus and its statistics.
  window.setPage(MainWindow::DataPageIndex);
  if (!waitFor([&] { return window.dataPage()->hasStats() || !window.dataPage()->lastError().isEmpty(); }, 120000))
    std::fprintf(stderr, "corpus statistics did not finish\n");
  shoot(window, QStringLiteral("01-data"));

  // 2. Train: a short real Word2Vec training, caught while it runs and when it is done.
  window.setPage(MainWindow::TrainPageIndex);
  if (ModelOptionsForm* form = window.trainPage()->currentForm()) {
    QVariantMap v = form->values();
    v[QStringLiteral("dim")] = 64;
    v[QStringLiteral("epochs")] = 3;
    v[QStringLiteral("min_count")] = 3;
    v[QStringLiteral("threads")] = qMax(1, QThread::idealThreadCount());
    form->setValues(v);
  }
  if (!window.trainPage()->startTraining()) {
    std::fprintf(stderr, "training did not start: %s\n", qPrintable(window.trainPage()->lastError()));
    return 1;
  }
  const QString runId = window.trainPage()->currentRunId();
  waitFor([&] { return window.trainPage()->chart()->points(runId).size() >= 25 || !window.trainPage()->isTraining(); },
          120000);
  shoot(window, QStringLiteral("02-train-running"));
  waitFor([&] { return !window.trainPage()->isTraining(); }, 600000);
  shoot(window, QStringLiteral("03-train-finished"));

  // 3. Explore: neighbours and an analogy in the vectors just learned.
  waitFor([&] { return window.currentVectors()->isReady(); }, 60000);
  window.setPage(MainWindow::ExplorePageIndex);
  window.explorePage()->findNeighbours(QStringLiteral("music"), 12);
  window.explorePage()->solveAnalogy(QStringLiteral("man"), QStringLiteral("king"), QStringLiteral("woman"), 12);
  shoot(window, QStringLiteral("04-explore"));

  // 3b. The map: a t-SNE of the 1500 most frequent words, coloured by k-means cluster, with
  // "music" selected and its neighbours linked.
  if (MapPanel* panel = window.explorePage()->mapPanel()) {
    window.explorePage()->showMap();
    panel->setRows(MapPanel::Rows::TopFrequent, {}, 1500);
    panel->setMethod(ProjectionController::Method::Tsne);
    panel->setTsneSettings(30, 0, 500, 1);
    if (panel->runProjection()) waitFor([&] { return !panel->projection()->isRunning(); }, 300000);
    if (panel->setColoring(MapPanel::Coloring::Clusters, 10))
      waitFor([&] { return !panel->map()->clusters().empty(); }, 60000);
    panel->selectWord(QStringLiteral("music"));
    shoot(window, QStringLiteral("04b-explore-map"));
    window.explorePage()->showLookups();
  }

  // 4. Evaluate: the standard benchmarks when they are at hand.
  window.setPage(MainWindow::EvaluatePageIndex);
  const QString evalDir = qEnvironmentVariable("EMBEDLAB_SCREENSHOT_EVAL_DIR");
  if (!evalDir.isEmpty() && QFileInfo::exists(evalDir + QStringLiteral("/questions-words.txt"))) {
    window.evaluatePage()->setAnalogyFile(evalDir + QStringLiteral("/questions-words.txt"));
    window.evaluatePage()->setSimilarityFile(evalDir + QStringLiteral("/wordsim353.tsv"));
    if (window.evaluatePage()->runBenchmarks()) waitFor([&] { return !window.evaluatePage()->isRunning(); }, 300000);
  }
  shoot(window, QStringLiteral("05-evaluate"));

  // 5. The same Train page in Simplified Chinese.
  window.setLanguage(QStringLiteral("zh_CN"));
  window.setPage(MainWindow::TrainPageIndex);
  shoot(window, QStringLiteral("06-train-zh_CN"));
  window.setLanguage(QStringLiteral("en"));

  window.close();
  return failures_ == 0 ? 0 : 1;
}

}  // namespace embedlab::ui
