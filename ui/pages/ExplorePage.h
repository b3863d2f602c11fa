#pragma once
// Explore: the current vectors — a run's or a file's — as a map (PCA or t-SNE of chosen words,
// with search, k-means colouring and the clicked word's neighbours; see ui/explore/MapPanel), and
// lookups: nearest neighbours of a word (top-k cosine) and analogies (a : b :: c : ?), in two tabs.
#include <QWidget>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace embedlab::ui {

class CurrentVectors;
class MapPanel;

class ExplorePage : public QWidget {
  Q_OBJECT
 public:
  explicit ExplorePage(CurrentVectors* vectors, QWidget* parent = nullptr);

  MapPanel* mapPanel() const { return map_; }
  void showMap();      // the map tab
  void showLookups();  // the neighbours and analogy tab

  // Fill the boxes and run the lookups (also used by the screenshot tour and tests); they bring
  // the lookups tab to the front.
  bool findNeighbours(const QString& word, int k = 10);
  bool solveAnalogy(const QString& a, const QString& b, const QString& c, int k = 10);
  QTableWidget* neighboursTable() const { return neighbours_; }
  QTableWidget* analogyTable() const { return analogy_; }
  QString message() const;

 signals:
  void openVectorsRequested();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void onVectorsChanged();
  void setMessage(QLabel* label, const QString& text, bool error);

  CurrentVectors* vectors_;
  QTabWidget* tabs_;
  MapPanel* map_;
  QWidget* lookups_;
  QLabel* source_;
  QPushButton* open_;
  QGroupBox* neighboursBox_;
  QLabel* wordLabel_;
  QLineEdit* word_;
  QLabel* kLabel_;
  QSpinBox* k_;
  QPushButton* find_;
  QLabel* neighboursMessage_;
  QTableWidget* neighbours_;
  QGroupBox* analogyBox_;
  QLineEdit* a_;
  QLineEdit* b_;
  QLineEdit* c_;
  QLabel* isTo1_;
  QLabel* as_;
  QLabel* isTo2_;
  QComboBox* method_;
  QPushButton* solve_;
  QLabel* analogyMessage_;
  QTableWidget* analogy_;
};

}  // namespace embedlab::ui
