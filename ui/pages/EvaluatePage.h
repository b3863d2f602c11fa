#pragma once
// Evaluate: the analogy benchmark (Google format) and a word-similarity benchmark (WordSim-353,
// SimLex-999, or "w1 w2 score" lines) on the current vectors, in the background, with the
// built-in small sets as the default; per-section accuracy as a bar chart and human score vs
// cosine as a scatter. Results of a run's vectors are saved in the run folder (evaluation.json)
// and shown again when that run is selected. A second tab compares text classification with
// TF-IDF and mean-vector features of the current vectors (ClassificationPanel); a third compares
// any mix of runs and models on several tasks in one report (ComparePanel, issue 7).
#include <QWidget>

#include <optional>

#include "ui/evaluate/EvaluationResult.h"

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSettings;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace embedlab::ui {

class AnalogyChart;
class BackgroundTask;
class ClassificationPanel;
class ComparePanel;
class CurrentVectors;
class RunStore;
class SimilarityScatter;

class EvaluatePage : public QWidget {
  Q_OBJECT
 public:
  // Where a benchmark's questions come from.
  enum class SetSource { Builtin, File, None };

  explicit EvaluatePage(CurrentVectors* vectors, QWidget* parent = nullptr);

  // A file path selects SetSource::File; an empty path selects None.
  void setAnalogyFile(const QString& path);
  void setSimilarityFile(const QString& path);
  void setAnalogySource(SetSource source);
  void setSimilaritySource(SetSource source);
  SetSource analogySource() const;
  SetSource similaritySource() const;

  bool runBenchmarks();  // false (with a message) when nothing can run
  bool isRunning() const;
  QString summary() const;   // the result text shown
  QTableWidget* sectionTable() const { return sections_; }
  BackgroundTask* task() const { return task_; }
  AnalogyChart* analogyChart() const { return analogyChart_; }
  SimilarityScatter* similarityChart() const { return similarityChart_; }
  ClassificationPanel* classificationPanel() const { return classification_; }
  ComparePanel* comparePanel() const { return compare_; }
  // The runs the Compare tab lists (not owned); without one it reads RunStore()'s workspace.
  void setRunStore(const RunStore* store);
  QTabWidget* tabs() const { return tabs_; }

  // The result shown (computed now or read back from the run folder), or null.
  const EvaluationResult* result() const { return result_ ? &*result_ : nullptr; }
  // evaluation.json the shown result was saved to or loaded from; empty when it is not saved.
  QString resultFile() const { return resultFile_; }
  bool resultIsFromDisk() const { return note_ == Note::Loaded; }

  bool exportPng(const QString& path, QString* error = nullptr);  // both charts
  bool exportCsv(const QString& path, QString* error = nullptr) const;

  void saveSettings(QSettings& s) const;
  void restoreSettings(const QSettings& s);

 signals:
  void statusMessage(const QString& message);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  // What the line under the summary says about the saved file.
  enum class Note { None, Saved, SaveFailed, Loaded, LoadFailed };

  void retranslate();
  void updateState();
  void onVectorsChanged();
  void showResult();
  void clearResult();
  void exportPngInteractive();
  void exportCsvInteractive();

  CurrentVectors* vectors_;
  BackgroundTask* task_;
  QLabel* source_;
  QTabWidget* tabs_;
  QWidget* benchmarksTab_;
  QGroupBox* filesBox_;
  QLabel* analogyLabel_;
  QComboBox* analogySource_;
  QLineEdit* analogyFile_;
  QPushButton* analogyBrowse_;
  QLabel* similarityLabel_;
  QComboBox* similaritySource_;
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
  QWidget* charts_;
  AnalogyChart* analogyChart_;
  SimilarityScatter* similarityChart_;
  QPushButton* exportPng_;
  QPushButton* exportCsv_;
  ClassificationPanel* classification_;
  ComparePanel* compare_;

  std::optional<EvaluationResult> result_;
  QString resultFile_;
  Note note_ = Note::None;
  QString noteDetail_;     // the error of a failed save / load
  QString errorText_;      // a failed or refused run
  bool cancelled_ = false;
};

}  // namespace embedlab::ui
