#pragma once
// Writing charts to files: a widget rendered into an image (works with the offscreen platform
// and for widgets that were never shown), saved as PNG, and text files such as CSV. Every file
// goes through AtomicFile, so an export interrupted half-way never leaves a truncated file.
#include <QImage>
#include <QString>
#include <string_view>

class QWidget;

namespace embedlab::ui {

class ChartExport {
 public:
  // Gives a never-shown widget a size and lays it out (what renderWidget does first).
  static void prepareWidget(QWidget* widget);
  // Renders the widget at its current size (its size hint if it has never been laid out).
  static QImage renderWidget(QWidget* widget);

  // On failure returns false and, when error is given, a message naming the file.
  static bool writePng(const QImage& image, const QString& path, QString* error = nullptr);
  static bool writeText(const QString& path, std::string_view text, QString* error = nullptr);
};

}  // namespace embedlab::ui
