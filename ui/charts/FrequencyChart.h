#pragma once
// Word frequencies as rank vs count on log-log axes (Zipf's law shows as a straight line).
// A vocabulary has up to millions of ranks; at most kMaxDrawnPoints are drawn, spread evenly in
// log-rank so the head (rank 1, 2, 3, ...) and the long tail get the same screen resolution.
// A dashed reference line count(1)/rank shows what an exact Zipf distribution would look like.
#include <QString>
#include <QWidget>
#include <cstdint>
#include <vector>

class QChart;
class QLineSeries;
class QLogValueAxis;

namespace embedlab::ui {

class HoverChartView;

class FrequencyChart : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kMaxDrawnPoints = 2000;

  explicit FrequencyChart(QWidget* parent = nullptr);

  // Counts of the words, most frequent first. Zero and negative counts are not drawn (log axis).
  void setCounts(const std::vector<int64_t>& countsSortedDescending);
  void setTitle(const QString& title);

  bool exportPng(const QString& path) const;
  QString lastError() const { return lastError_; }

  int drawnPointCount() const;
  int64_t rankCount() const { return ranks_; }

  // Ranks (1-based) that are drawn for n ranks: all when n <= maxPoints, otherwise about
  // maxPoints ranks evenly spaced in log(rank), always including 1 and n. Pure, for tests.
  static std::vector<int64_t> sampleRanks(int64_t n, int maxPoints = kMaxDrawnPoints);

 protected:
  // Titles and legend entries follow a language switch (QEvent::LanguageChange).
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  QChart* chart_ = nullptr;
  HoverChartView* view_ = nullptr;
  QLineSeries* series_ = nullptr;
  QLineSeries* zipf_ = nullptr;
  QLogValueAxis* rankAxis_ = nullptr;
  QLogValueAxis* countAxis_ = nullptr;
  int64_t ranks_ = 0;
  mutable QString lastError_;
};

}  // namespace embedlab::ui
