#pragma once
// The ELMo page: open a trained biLM (an ElmoCheckpoint directory), choose a classification task
// (train.tsv / test.tsv) and learn the scalar mix on it in the background — the layer weights
// softmax(s) and γ move on a bar chart as the epochs pass, with their history as lines — then
// compare each layer alone with the learned mix (accuracy, macro-F1). Below, the layers side by
// side: type a sentence, pick a word of it, and see its nearest neighbours in each layer among
// the words of a corpus sample, and send a layer's contexts to the explorer.
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace embedlab {
class EmbeddingSet;
namespace elmo {
struct ElmoBundle;
}
}  // namespace embedlab

namespace embedlab::ui {

class BackgroundTask;
class ElmoContextIndex;
class LayerWeightsChart;
class TrainingWorker;
struct ProgressUpdate;

class ElmoPage : public QWidget {
  Q_OBJECT
 public:
  explicit ElmoPage(QWidget* parent = nullptr);
  ~ElmoPage() override;

  // Loads a model directory in the background; modelLoaded() or failed() follows.
  bool openModel(const QString& directory);
  void setTaskDirectory(const QString& directory);
  void setMixEpochs(int epochs);
  // Trains the mix on the task (the model directory is read again by the job); false when it
  // cannot start. mixFinished() follows.
  bool trainMix();
  void stopMix();
  // Embeds the corpus sample (once per model and sample) and the sentence, then lists the
  // neighbours of the chosen word per layer; false when it cannot start.
  bool findNeighbours();
  void setSentence(const QString& text);
  bool selectWord(const QString& word);  // a token of the sentence; false when absent
  void setSampleSize(int lines);
  // OpenMP threads of the mix trainer and the embedder (0: all cores; 1: deterministic, as tests).
  void setThreads(int threads) { threads_ = threads; }
  // Emits sendToExplorer with the contexts of a layer (0..2) of the last sample.
  bool sendLayer(int layer);

  bool hasModel() const { return bundle_ != nullptr; }
  bool isTrainingMix() const;
  bool isBusy() const;
  LayerWeightsChart* weightsChart() const { return chart_; }
  QTableWidget* comparisonTable() const { return table_; }
  // Neighbour lists, one per layer, "word — context (cos)".
  QStringList neighbourTexts(int layer) const;
  QString messageText() const;
  QStringList corpusFiles() const { return corpusFiles_; }

 public slots:
  void setCorpusFiles(const QStringList& files);
  void openModelInteractive();
  void chooseTaskInteractive();

 signals:
  void sendToExplorer(std::shared_ptr<const EmbeddingSet> set);
  void statusMessage(const QString& message);
  void modelLoaded();
  void mixFinished(bool success);
  void neighboursReady();
  void failed(const QString& message);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void updateButtons();
  void showMessage(const QString& text, bool error);
  void onMixProgress(const QVector<ProgressUpdate>& updates);
  void onMixFinished(int status, const QString& message, const QStringList& outputFiles);
  void updateWordChoices();
  void showNeighbours(const std::vector<float>& sentenceLayers, int T, int position);

  BackgroundTask* modelTask_;
  BackgroundTask* contextTask_;
  TrainingWorker* mixWorker_;
  std::shared_ptr<const elmo::ElmoBundle> bundle_;
  QString modelDir_;
  std::shared_ptr<const ElmoContextIndex> contexts_;
  QString contextsKey_;  // model, files and sample size the contexts were built from
  QStringList corpusFiles_;
  int threads_ = 0;

  QLineEdit* modelPath_;
  QPushButton* browseModel_;
  QLabel* modelInfo_;
  QLabel* message_;

  QLabel* taskLabel_;
  QLineEdit* taskPath_;
  QPushButton* browseTask_;
  QLabel* epochsLabel_;
  QSpinBox* epochs_;
  QPushButton* train_;
  QPushButton* stop_;
  QProgressBar* mixProgress_;
  QLabel* mixPhase_;
  LayerWeightsChart* chart_;
  QTableWidget* table_;

  QLabel* sentenceLabel_;
  QLineEdit* sentence_;
  QLabel* wordLabel_;
  QComboBox* word_;
  QLabel* sampleLabel_;
  QSpinBox* sample_;
  QPushButton* find_;
  QLabel* contextInfo_;
  QLabel* layerTitles_[3];
  QListWidget* lists_[3];
  QPushButton* send_[3];
};

}  // namespace embedlab::ui
