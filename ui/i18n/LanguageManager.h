#pragma once
// Which language the window speaks: English (the source strings) or Simplified Chinese. Installs
// the application's and Qt's own translators; every widget retranslates on QEvent::LanguageChange.
#include <QObject>
#include <QString>
#include <QTranslator>

namespace embedlab::ui {

class LanguageManager : public QObject {
  Q_OBJECT
 public:
  explicit LanguageManager(QObject* parent = nullptr);

  // "en" or "zh_CN". Empty or "system": from the system locale.
  bool setLanguage(const QString& code);
  QString language() const { return language_; }
  static QString systemLanguage();
  static QStringList available() { return {QStringLiteral("en"), QStringLiteral("zh_CN")}; }
  static QString nativeName(const QString& code);  // "English", "简体中文"

 signals:
  void languageChanged(const QString& code);

 private:
  QString language_ = QStringLiteral("en");
  QTranslator app_;
  QTranslator qt_;
  bool installed_ = false;
};

}  // namespace embedlab::ui
