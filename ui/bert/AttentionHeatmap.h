#pragma once
// A heat map of a square matrix over the tokens of one sentence, painted by hand: the "from"
// token (the query, the matrix row) on the vertical axis, the "to" token (the key, the column) on
// the horizontal axis with rotated labels, a colour ramp with its scale on the right, and a
// tooltip "from → to: p" under the mouse.
//
// It takes plain data, so it knows nothing of BERT: tokens and a stack of matrices
// (layers, heads, T, T), row-major, usually attention probabilities (rows sum to 1). A layer and a
// head are picked, or kMean for the mean over heads and/or layers. The same widget draws a single
// T x T matrix (setMatrix), e.g. cosine similarities between contextual vectors.
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

namespace embedlab::ui {

class AttentionHeatmap : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kMean = -1;  // layer or head: the mean over all of them

  // Sequential (0 = pale, 1 = dark; probabilities) or diverging (blue - white - red around the
  // middle of the range; signed values such as cosine similarity).
  enum class Ramp { Sequential, Diverging };

  explicit AttentionHeatmap(QWidget* parent = nullptr);

  // weights: (layers, heads, T, T) with T = tokens.size(); weights[l][h][i][j] is how much token
  // i attends to token j. Returns false (and leaves the view unchanged) when the sizes disagree.
  bool setAttention(const QStringList& tokens, int layers, int heads, std::vector<float> weights);
  // One T x T matrix (one layer, one head).
  bool setMatrix(const QStringList& tokens, std::vector<float> matrix);
  void clear();

  // kMean or 0..layerCount()-1 / 0..headCount()-1; out-of-range values are clamped.
  void setLayer(int layer);
  void setHead(int head);
  int layer() const { return layer_; }
  int head() const { return head_; }
  int layerCount() const { return layers_; }
  int headCount() const { return heads_; }
  int tokenCount() const { return static_cast<int>(tokens_.size()); }
  const QStringList& tokens() const { return tokens_; }

  // The colour ramp spans [low, high]; values outside are drawn at the ends. Default [0, 1].
  void setValueRange(double low, double high);
  void setRamp(Ramp ramp);
  void setTitle(const QString& title);  // drawn above the matrix; empty: none

  // The matrix on screen (the chosen layer and head, or the mean): (T, T), row = from.
  const std::vector<float>& displayed() const { return shown_; }
  float value(int from, int to) const;

  // Geometry, for the mouse and for tests: the rectangle of a cell in widget coordinates, and the
  // cell under a point as (from, to) = (row, column), or (-1, -1) outside the matrix.
  QRect cellRect(int from, int to) const;
  QPoint cellAt(const QPoint& pos) const;  // x() = from, y() = to
  // "from → to: p" for the tooltip; empty for a cell outside the matrix.
  QString hoverText(int from, int to) const;
  QPoint hoveredCell() const { return hovered_; }

  // The ramp's colour at t in [0, 1].
  static QColor rampColor(Ramp ramp, double t);

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 signals:
  void cellHovered(int from, int to);  // (-1, -1) when the mouse leaves the matrix
  void selectionChanged();             // layer or head changed, or new data

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;
  bool event(QEvent* event) override;

 private:
  struct Geometry {
    int left = 0, top = 0, cell = 0;  // the matrix starts at (left, top); cells are square
    int titleHeight = 0;
    int rampLeft = 0;                 // x of the colour scale
  };
  Geometry geometry() const;
  void recompute();
  void setHovered(const QPoint& cell);

  QStringList tokens_;
  int layers_ = 0, heads_ = 0;
  std::vector<float> weights_;  // (layers, heads, T, T)
  std::vector<float> shown_;    // (T, T)
  int layer_ = kMean, head_ = kMean;
  double low_ = 0, high_ = 1;
  Ramp ramp_ = Ramp::Sequential;
  QString title_;
  QPoint hovered_{-1, -1};
};

}  // namespace embedlab::ui
