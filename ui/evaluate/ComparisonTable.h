#pragma once
// Rows of the model comparison (issue 7): one row per (model, task) with accuracy, macro-F1 and
// the seconds of training and inference, plus what the confusion heat map of a row needs.
// A second result for the same model and task replaces the first.
#include <QAbstractTableModel>
#include <QStringList>
#include <QVector>

#include <string>

namespace embedlab::ui {

struct ComparisonRow {
  QString model;     // run or model name ("TF-IDF", "Word2Vec 3 (mean vectors)")
  QString task;      // task folder name ("spam")
  double accuracy = 0;
  double macroF1 = 0;
  double trainSeconds = 0;
  double inferenceSeconds = 0;
  QStringList labels;                    // class names, in confusion-matrix order
  QVector<QVector<qint64>> confusion;    // [true][predicted]
};

class ComparisonTable : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { ModelColumn, TaskColumn, AccuracyColumn, MacroF1Column, TrainColumn, InferenceColumn, ColumnCount };

  explicit ComparisonTable(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  // Adds the row, or replaces the row of the same model and task; returns its index.
  int addRow(const ComparisonRow& row);
  void setRows(const QVector<ComparisonRow>& rows);
  void clear();
  bool removeRows(int row, int count, const QModelIndex& parent = QModelIndex()) override;

  const QVector<ComparisonRow>& rows() const { return rows_; }
  const ComparisonRow* row(int i) const { return i >= 0 && i < rows_.size() ? &rows_[i] : nullptr; }
  int find(const QString& model, const QString& task) const;  // -1 when absent
  QStringList models() const;  // in order of first appearance
  QStringList tasks() const;   // in order of first appearance

  // model,task,accuracy,macro_f1,train_seconds,inference_seconds
  std::string toCsv() const;

 private:
  QVector<ComparisonRow> rows_;
};

}  // namespace embedlab::ui
