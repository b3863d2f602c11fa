#include "ui/i18n/LanguageManager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace embedlab::ui {

LanguageManager::LanguageManager(QObject* parent) : QObject(parent) {}

QString LanguageManager::systemLanguage() {
  const QLocale locale;
  if (locale.language() == QLocale::Chinese && locale.script() != QLocale::TraditionalChineseScript)
    return QStringLiteral("zh_CN");
  return QStringLiteral("en");
}

QString LanguageManager::nativeName(const QString& code) {
  if (code == QLatin1String("zh_CN")) return QStringLiteral("简体中文");
  return QStringLiteral("English");
}

bool LanguageManager::setLanguage(const QString& requested) {
  const QString code = requested.isEmpty() || requested == QLatin1String("system") ? systemLanguage() : requested;
  if (!available().contains(code)) return false;
  if (code == language_ && (installed_ || code == QLatin1String("en"))) return true;

  if (installed_) {
    QCoreApplication::removeTranslator(&app_);
    QCoreApplication::removeTranslator(&qt_);
    installed_ = false;
  }
  bool ok = true;
  if (code != QLatin1String("en")) {
    // The application's catalogue is compiled into the binary (qt_add_translations).
    ok = app_.load(QStringLiteral(":/i18n/embedlab_") + code + QStringLiteral(".qm"));
    if (ok) {
      // Qt's own strings (standard buttons, file dialogs) when the system has them.
      if (qt_.load(QStringLiteral("qtbase_") + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qt_);
      QCoreApplication::installTranslator(&app_);
      installed_ = true;
    }
  }
  if (!ok) return false;
  const bool changed = code != language_;
  language_ = code;
  if (changed) emit languageChanged(code);
  return true;
}

}  // namespace embedlab::ui
