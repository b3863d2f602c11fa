#pragma once
// Drives the window through its main states after a short real training and writes PNGs of it
// (embedlab --screenshots DIR; used by scripts/screenshots.sh).
#include <QString>

#include "ui/MainWindow.h"

namespace embedlab::ui {

class ScreenshotTour {
 public:
  ScreenshotTour(QString outDir, MainWindow::Options options);
  int run();  // 0 when every picture was written

 private:
  QString outDir_;
  MainWindow::Options options_;
};

}  // namespace embedlab::ui
