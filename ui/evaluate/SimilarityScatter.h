#pragma once
// Human similarity score against the cosine of the vectors, one point per word pair (Qt Charts
// scatter), with Spearman's rho, Pearson's r and the out-of-vocabulary count in the title.
// Hovering a point shows its pair (every pair when several share the spot).
#include <QChartView>
#include <QList>
#include <QPointF>

#include <optional>

#include "ui/evaluate/EvaluationResult.h"

class QScatterSeries;
class QValueAxis;

namespace embedlab::ui {

class SimilarityScatter : public QChartView {
  Q_OBJECT
 public:
  explicit SimilarityScatter(QWidget* parent = nullptr);

  void setResult(const EvaluationResult::Similarity& result);
  void clear();
  bool hasResult() const { return result_.has_value(); }

  QScatterSeries* series() const { return series_; }
  QString title() const;
  // Points (indices into the result's points) drawn at exactly this (human, cosine) spot.
  QList<int> pointsAt(const QPointF& value) const;
  // What hovering at that spot shows (rich text); empty when no point is there.
  QString toolTipAt(const QPointF& value) const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();

  QScatterSeries* series_;
  QValueAxis* xAxis_;
  QValueAxis* yAxis_;
  std::optional<EvaluationResult::Similarity> result_;
};

}  // namespace embedlab::ui
