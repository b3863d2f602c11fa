#pragma once
// A confusion matrix as a heat map, painted by hand: rows are the true classes, columns the
// predicted ones; each cell is coloured by its share of the row (so that rare classes are as
// readable as frequent ones), shows its count when it fits, and names its classes in a tooltip.
#include <QColor>
#include <QRect>
#include <QStringList>
#include <QVector>
#include <QWidget>

namespace embedlab::ui {

class ConfusionHeatmap : public QWidget {
  Q_OBJECT
 public:
  explicit ConfusionHeatmap(QWidget* parent = nullptr);

  // counts[true][predicted], square, one label per class (missing labels are numbered).
  void setMatrix(const QStringList& labels, const QVector<QVector<qint64>>& counts, const QString& title = QString());
  void clear();

  int rows() const { return static_cast<int>(counts_.size()); }
  int columns() const { return counts_.isEmpty() ? 0 : static_cast<int>(counts_.front().size()); }
  QStringList labels() const { return labels_; }
  QString title() const { return title_; }
  qint64 count(int row, int column) const;
  double rowFraction(int row, int column) const;  // count / row total; 0 in an empty row
  QColor cellColor(int row, int column) const;

  // Geometry at the current size: a cell's rectangle, and the (column, row) under a point
  // ((-1, -1) outside the grid).
  QRect cellRect(int row, int column) const;
  QPoint cellAt(const QPoint& pos) const;
  QString toolTipText(int row, int column) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool event(QEvent* event) override;

 private:
  struct Geometry {
    QRect grid;                // the cells
    int cell = 0;              // side of a cell, pixels
    int rowLabelWidth = 0;     // left of the grid
    int columnLabelHeight = 0; // above the grid
    bool verticalColumnLabels = false;
    int titleHeight = 0;
  };
  Geometry geometry() const;
  QString label(int i) const;

  QStringList labels_;
  QVector<QVector<qint64>> counts_;
  QVector<qint64> rowTotals_;
  QString title_;
};

}  // namespace embedlab::ui
