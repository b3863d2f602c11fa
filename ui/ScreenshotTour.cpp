#include "ui/ScreenshotTour.h"

namespace embedlab::ui {

ScreenshotTour::ScreenshotTour(QString outDir, MainWindow::Options options)
    : outDir_(std::move(outDir)), options_(std::move(options)) {}

int ScreenshotTour::run() { return 1; }

}  // namespace embedlab::ui
