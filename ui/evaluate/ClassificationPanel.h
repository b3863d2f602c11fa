#pragma once
// The Classification part of the Evaluate page (issue 7's comparison, first step): pick a task
// folder (train.tsv / test.tsv with label<TAB>text lines) and features (TF-IDF, or the current
// vectors as mean word vectors), train L2-regularised logistic regression with C chosen by
// cross-validation in the background (as `embedlab-cli eval classify`), and collect one row per
// (model, task) in a comparison table, a grouped bar chart and the confusion heat map of the
// selected row.
#include <QString>
#include <QWidget>

#include <string>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSettings;

namespace embedlab::ui {

class BackgroundTask;
class ComparisonResultsView;
class ComparisonTable;
class CurrentVectors;

class ClassificationPanel : public QWidget {
  Q_OBJECT
 public:
  enum class Features { TfIdf, MeanVectors, WeightedMeanVectors };

  explicit ClassificationPanel(CurrentVectors* vectors, QWidget* parent = nullptr);

  void setTaskFolder(const QString& dir);
  QString taskFolder() const;
  void setFeatures(Features features);
  Features features() const;
  // Regularisation C of the logistic regression: 0 chooses it by 5-fold cross-validation from
  // 0.01, 0.1, 1, 10, 100 (the default, as the CLI); a fixed C skips the cross-validation.
  void setFixedC(double c);
  double fixedC() const;
  // Starts a run; false (with the reason in statusText()) when it cannot start.
  bool runClassification();
  void cancel();
  bool isRunning() const;
  QString statusText() const { return statusText_; }

  // The comparison table, bars, heat map and their exports; each run adds or replaces a row.
  ComparisonResultsView* results() const { return results_; }
  BackgroundTask* task() const { return task_; }

  void saveSettings(QSettings& s) const;
  void restoreSettings(const QSettings& s);

 signals:
  void statusMessage(const QString& message);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void updateState();
  void setStatus(const QString& text, bool error);

  CurrentVectors* vectors_;
  BackgroundTask* task_;
  ComparisonResultsView* results_;
  ComparisonTable* table_;   // results_'s
  QLabel* taskLabel_;
  QLineEdit* taskDir_;
  QPushButton* taskBrowse_;
  QLabel* featuresLabel_;
  QComboBox* features_;
  QLabel* cLabel_;
  QComboBox* c_;
  QPushButton* run_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* status_;
  QPushButton* clear_;
  QString statusText_;
  bool statusIsError_ = false;
  double fraction_ = 0;  // last progress, for the phase shown
};

}  // namespace embedlab::ui
