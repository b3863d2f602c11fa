#pragma once
// The map tab of the Explore page: which rows to show (the most frequent words, the matches of a
// regular expression, the neighbours of a word, or all), the projection (PCA with two chosen
// components and their share of the variance, or t-SNE with perplexity, learning rate,
// iterations and seed: Run / Pause / Stop, animated while it optimises), the colouring (frequency
// rank, or k-means clusters of the original vectors), a search box that highlights matches, and
// the clicked point's nearest neighbours in the ORIGINAL space (cosine, k adjustable) listed in a
// table and linked on the map. Numerics run on worker threads (ProjectionController,
// BackgroundTask); the panel only wires them to the widgets.
#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

#include "ui/explore/ProjectionController.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QSpinBox;
class QTableWidget;
class QTimer;
class QToolButton;

namespace embedlab::ui {

class BackgroundTask;
class CurrentVectors;
class MapWidget;

class MapPanel : public QWidget {
  Q_OBJECT
 public:
  enum class Rows { TopFrequent, SearchMatches, NeighboursOf, All };
  enum class Coloring { Rank, Clusters };

  explicit MapPanel(CurrentVectors* vectors, QWidget* parent = nullptr);
  ~MapPanel() override;

  MapWidget* map() const { return map_; }
  ProjectionController* projection() const { return projection_; }
  BackgroundTask* clusterTask() const { return clusterTask_; }
  QTableWidget* neighboursTable() const { return neighbours_; }

  // The controls, as a person would set them (also for tests and the screenshot tour).
  void setRows(Rows rows, const QString& query = QString(), int count = 0);
  void setMethod(ProjectionController::Method method);
  void setPcaComponents(int x, int y);  // 0-based
  void setTsneSettings(double perplexity, double learningRate, int iterations, int seed);
  void setNeighbourCount(int k);

  // Starts the projection of the chosen rows; false (with a message) when it cannot run.
  bool runProjection();
  // Highlights the map points whose word matches a regular expression (case-insensitive); an
  // empty pattern clears it. False with a message for an invalid expression.
  bool setSearch(const QString& pattern);
  // Colours by frequency rank, or by k-means clusters of the original vectors (in the background).
  bool setColoring(Coloring coloring, int k = 0);
  // Selects a map point as a click does and lists its nearest neighbours.
  bool selectPoint(int point);
  bool selectWord(const QString& word);

  std::vector<int64_t> mapRows() const { return mapRows_; }  // set row of each map point
  QString message() const;  // the last error or notice
  QString status() const;   // projection status line

 protected:
  void changeEvent(QEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  void retranslate();
  void maybeAutoRun();
  void fitControlsWidth();
  void updateState();
  void onVectorsChanged();
  void onProjectionUpdate(bool final);
  void onPointClicked(int point);
  void showNeighbours(int point);
  void applySearch();
  void runClusters();
  void exportMap(int format);
  void setMessage(const QString& text, bool error);
  bool chooseRows(std::vector<int64_t>& rows, QString* error) const;
  void computeRanks();

  CurrentVectors* vectors_;
  ProjectionController* projection_;
  BackgroundTask* clusterTask_;
  MapWidget* map_;
  QWidget* controls_;
  QScrollArea* controlsScroll_;

  QGroupBox* rowsBox_;
  QComboBox* rowsMode_;
  QLabel* rowsCountLabel_;
  QSpinBox* rowsCount_;
  QLineEdit* rowsQuery_;

  QGroupBox* projectionBox_;
  QComboBox* method_;
  QLabel* pcaLabel_;
  QSpinBox* pcaX_;
  QSpinBox* pcaY_;
  QWidget* pcaRow_;
  QWidget* tsneForm_;
  QLabel* perplexityLabel_;
  QDoubleSpinBox* perplexity_;
  QLabel* learningRateLabel_;
  QDoubleSpinBox* learningRate_;
  QLabel* iterationsLabel_;
  QSpinBox* iterations_;
  QLabel* seedLabel_;
  QSpinBox* seed_;
  QPushButton* run_;
  QPushButton* pause_;
  QPushButton* stop_;
  QLabel* status_;

  QGroupBox* viewBox_;
  QLabel* colorLabel_;
  QComboBox* color_;
  QLabel* clustersLabel_;
  QSpinBox* clusters_;
  QLineEdit* search_;
  QTimer* searchTimer_;
  QLabel* kLabel_;
  QSpinBox* k_;
  QCheckBox* isolate_;
  QPushButton* reset_;
  QToolButton* export_;
  QLabel* message_;
  QLabel* neighboursTitle_;
  QTableWidget* neighbours_;

  std::vector<int> rank_;         // (rows) frequency rank of each set row (0 = most frequent)
  std::vector<int64_t> byFrequency_;  // set rows, most frequent first
  std::vector<int64_t> mapRows_;  // set row of each map point
  std::vector<int> mapIndex_;     // (rows) map point of each set row, or -1
  std::vector<int64_t> pendingRows_;  // rows of the running projection
  quint64 mapGeneration_ = 0;     // bumps when the map's rows change (drops stale clusters)
  bool autoRunDone_ = false;
  QString statusText_;
  bool statusIsError_ = false;
};

}  // namespace embedlab::ui
