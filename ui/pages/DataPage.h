#pragma once
// Data: the corpus files (dialog or drag-and-drop, .txt/.gz), their statistics computed in the
// background (cancellable, with a progress bar) and the word-frequency chart (rank vs count, log-log).
#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <vector>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QGroupBox;

namespace embedlab::ui {

class BackgroundTask;
class FrequencyChart;

struct CorpusStats {
  qint64 files = 0, bytes = 0, lines = 0, tokens = 0, vocabulary = 0, invalidBytes = 0;
};

class DataPage : public QWidget {
  Q_OBJECT
 public:
  explicit DataPage(QWidget* parent = nullptr);
  ~DataPage() override;

  QStringList corpusFiles() const { return files_; }
  void setCorpusFiles(const QStringList& files);  // recomputes the statistics
  void addCorpusFiles(const QStringList& files);
  static bool isCorpusFile(const QString& path);    // .txt / .gz / other text by name

  bool isComputing() const;
  void cancelStatistics();
  const CorpusStats& stats() const { return stats_; }
  bool hasStats() const { return haveStats_; }
  QString lastError() const { return error_; }
  BackgroundTask* statisticsTask() const { return task_; }

 public slots:
  void chooseFiles();

 signals:
  void corpusFilesChanged(const QStringList& files);
  void statisticsReady();
  void statusMessage(const QString& message);

 protected:
  void changeEvent(QEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void retranslate();
  void refreshList();
  void computeStatistics();
  void showStats();

  QStringList files_;
  CorpusStats stats_;
  bool haveStats_ = false;
  QString error_;

  QGroupBox* filesBox_;
  QGroupBox* statsBox_;
  QLabel* intro_;
  QListWidget* list_;
  QPushButton* add_;
  QPushButton* remove_;
  QPushButton* clear_;
  QProgressBar* progress_;
  QPushButton* cancel_;
  QLabel* errorLabel_;
  QLabel* statLabels_[6];
  QLabel* statValues_[6];
  QLabel* chartTitle_;
  FrequencyChart* chart_;
  BackgroundTask* task_;
};

}  // namespace embedlab::ui
