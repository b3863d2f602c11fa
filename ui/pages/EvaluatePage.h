#pragma once
// Evaluate: the analogy benchmark (Google format) and a word-similarity benchmark (WordSim-353,
// SimLex-999, or "w1 w2 score" lines) on the current vectors, in the background. Issue 4 adds
// charts and the built-in sets.
#include <QWidget>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSettings;
class QSpinBox;
class QTableWidget;

namespace embedlab::ui {

class BackgroundTask;
class CurrentVectors;

class EvaluatePage : public QWidget {
  Q_OBJECT
 public:
  explicit EvaluatePage(CurrentVectors* vectors, QWidget* parent = nullptr);

  void setAnalogyFile(const QString& path);
  void setSimilarityFile(const QString& path);
  bool runBenchmarks();  // false (with a message) when nothing can run
  bool isRunning() const;
  QString summary() const;   // the result text shown
  QTableWidget* sectionTable() const { return sections_; }
  BackgroundTask* task() const { return task_; }

  void saveSettings(QSettings& s) const;
  void restoreSettings(const QSettings& s);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void updateState();

  CurrentVectors* vectors_;
  BackgroundTask* task_;
  QLabel* source_;
  QGroupBox* filesBox_;
  QLabel* analogyLabel_;
  QLineEdit* analogyFile_;
  QPushButton* analogyBrowse_;
  QLabel* similarityLabel_;
  QLineEdit* similarityFile_;
  QPushButton* similarityBrowse_;
  QLabel* restrictLabel_;
  QSpinBox* restrict_;
  QLabel* methodLabel_;
  QComboBox* method_;
  QPushButton* run_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QGroupBox* resultsBox_;
  QLabel* summary_;
  QTableWidget* sections_;
  QString summaryText_;
  bool summaryIsError_ = false;
};

}  // namespace embedlab::ui
