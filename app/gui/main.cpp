// embedlab: the EmbedLab window. Argument parsing only; the work is in ui/ and core/.
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include "core/version.h"
#include "ui/MainWindow.h"
#include "ui/pages/DataPage.h"
#include "ui/ScreenshotTour.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("EmbedLab"));
  QApplication::setApplicationName(QStringLiteral("EmbedLab"));
  QApplication::setApplicationVersion(QString::fromLatin1(embedlab::version()));
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/embedlab.svg")));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("EmbedLab: a desktop laboratory for word embeddings"));
  parser.addHelpOption();
  parser.addVersionOption();
  QCommandLineOption language(QStringLiteral("language"), QStringLiteral("User interface language: en or zh_CN."),
                              QStringLiteral("code"));
  QCommandLineOption workspace(QStringLiteral("workspace"), QStringLiteral("Folder where runs are kept."),
                               QStringLiteral("dir"));
  // Hidden: drives the window through its main states and writes PNGs (scripts/screenshots.sh).
  QCommandLineOption screenshots(QStringLiteral("screenshots"), QStringLiteral("Write screenshots to DIR and exit."),
                                 QStringLiteral("dir"));
  screenshots.setFlags(QCommandLineOption::HiddenFromHelp);
  parser.addOption(language);
  parser.addOption(workspace);
  parser.addOption(screenshots);
  parser.addPositionalArgument(QStringLiteral("corpus"), QStringLiteral("Corpus files to open (.txt, .gz)."), QStringLiteral("[corpus...]"));
  parser.process(app);

  embedlab::ui::MainWindow::Options options;
  options.workspace = parser.value(workspace);
  options.language = parser.value(language);
  if (parser.isSet(screenshots)) {
    embedlab::ui::ScreenshotTour tour(parser.value(screenshots), options);
    return tour.run();
  }
  embedlab::ui::MainWindow window(options);
  if (!parser.positionalArguments().isEmpty()) window.dataPage()->setCorpusFiles(parser.positionalArguments());
  window.show();
  return app.exec();
}
