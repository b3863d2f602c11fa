#pragma once
// The BERT page: open a model directory (Hugging Face layout), type a sentence and an optional
// pair, and see what BERT makes of it: the WordPiece tokens, the attention of every layer and
// head (or their mean) as a heat map, and the contextual vectors — the cosine similarity between
// the tokens at a chosen layer, and every occurrence of a word in a corpus sample as an
// EmbeddingSet for the explorer ("bank" by the river apart from "bank" with the money).
// The model runs on a BackgroundTask; the page never blocks the window.
#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace embedlab {
class EmbeddingSet;
}

namespace embedlab::ui {

class AttentionHeatmap;
class BackgroundTask;
class BertSession;
struct BertSentenceAnalysis;

class BertPage : public QWidget {
  Q_OBJECT
 public:
  explicit BertPage(QWidget* parent = nullptr);
  ~BertPage() override;

  // Starts loading a model directory in the background; false when it cannot start (no BERT
  // support in this build, or an empty path). modelLoaded() or failed() follows.
  bool openModel(const QString& directory);
  // Runs the model on the sentence (and pair) fields; false without a model or sentence.
  bool analyze();
  // Collects the occurrences of the word field in the corpus sample; false when it cannot start.
  bool collectOccurrences();

  void setSentence(const QString& text, const QString& pair = QString());
  void setWord(const QString& word);
  void setSampleSize(int sentences);

  bool isBusy() const;
  bool hasModel() const { return session_ != nullptr; }
  std::shared_ptr<const BertSession> session() const { return session_; }
  const BertSentenceAnalysis* analysis() const { return analysis_.get(); }
  std::shared_ptr<const EmbeddingSet> occurrenceSet() const { return occurrences_; }
  AttentionHeatmap* attentionView() const { return attention_; }
  AttentionHeatmap* similarityView() const { return similarity_; }
  QStringList corpusFiles() const { return corpusFiles_; }
  QString messageText() const;  // the error or notice line under the model row

 public slots:
  void setCorpusFiles(const QStringList& files);
  void openModelInteractive();

 signals:
  void sendToExplorer(std::shared_ptr<const EmbeddingSet> set);
  void statusMessage(const QString& message);
  void modelLoaded();
  void analysisReady();
  void occurrencesReady();
  void failed(const QString& message);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void updateButtons();
  void showMessage(const QString& text, bool error);
  void fillLayerCombos();
  void showAnalysis();
  void updateAttention();
  void updateSimilarity();
  int layerChoice(const QComboBox* combo) const;

  BackgroundTask* modelTask_;    // loading and analysing
  BackgroundTask* contextTask_;  // the corpus sample
  std::shared_ptr<BertSession> session_;
  std::unique_ptr<BertSentenceAnalysis> analysis_;
  std::shared_ptr<const EmbeddingSet> occurrences_;
  QStringList corpusFiles_;

  QLineEdit* modelPath_;
  QPushButton* browse_;
  QLabel* modelInfo_;
  QLabel* message_;
  QLabel* sentenceLabel_;
  QLineEdit* sentence_;
  QLabel* pairLabel_;
  QLineEdit* pair_;
  QPushButton* analyze_;
  QLabel* tokensTitle_;
  QLabel* tokens_;
  QTabWidget* tabs_;

  QLabel* attLayerLabel_;
  QComboBox* attLayer_;
  QLabel* attHeadLabel_;
  QComboBox* attHead_;
  AttentionHeatmap* attention_;

  QLabel* simLayerLabel_;
  QComboBox* simLayer_;
  AttentionHeatmap* similarity_;

  QLabel* wordLabel_;
  QLineEdit* word_;
  QLabel* sampleLabel_;
  QSpinBox* sample_;
  QLabel* ctxLayerLabel_;
  QComboBox* ctxLayer_;
  QPushButton* collect_;
  QPushButton* cancelCollect_;
  QProgressBar* ctxProgress_;
  QLabel* ctxResult_;
  QPushButton* send_;
};

}  // namespace embedlab::ui
