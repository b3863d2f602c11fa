#pragma once
// Drives the window through its main states after a short real training and writes PNGs of it
// (embedlab --screenshots DIR; used by scripts/screenshots.sh). The runs and settings of the tour
// live in a temporary folder, so the person's own workspace is untouched.
// Environment: EMBEDLAB_SCREENSHOT_EVAL_DIR — a folder with questions-words.txt and
// wordsim353.tsv for the Evaluate picture (optional).
#include <QString>

#include "ui/MainWindow.h"

namespace embedlab::ui {

class ScreenshotTour {
 public:
  ScreenshotTour(QString outDir, MainWindow::Options options);
  int run();  // 0 when every picture was written

 private:
  bool shoot(MainWindow& window, const QString& name);
  QString outDir_;
  MainWindow::Options options_;
  int failures_ = 0;
};

}  // namespace embedlab::ui
