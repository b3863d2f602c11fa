#include "ui/evaluate/ComparisonTable.h"

#include <QLocale>

#include "ui/util/Csv.h"

namespace embedlab::ui {

ComparisonTable::ComparisonTable(QObject* parent) : QAbstractTableModel(parent) {}

int ComparisonTable::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ComparisonTable::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ComparisonTable::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rows_.size()) return QVariant();
  const ComparisonRow& r = rows_[index.row()];
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case ModelColumn: return r.model;
      case TaskColumn: return r.task;
      case AccuracyColumn: return QString::number(r.accuracy, 'f', 4);
      case MacroF1Column: return QString::number(r.macroF1, 'f', 4);
      case TrainColumn: return QLocale().toString(r.trainSeconds, 'f', 2);
      case InferenceColumn: return QLocale().toString(r.inferenceSeconds, 'f', 3);
      default: return QVariant();
    }
  }
  if (role == Qt::UserRole) {  // raw values, for sorting and tests
    switch (index.column()) {
      case ModelColumn: return r.model;
      case TaskColumn: return r.task;
      case AccuracyColumn: return r.accuracy;
      case MacroF1Column: return r.macroF1;
      case TrainColumn: return r.trainSeconds;
      case InferenceColumn: return r.inferenceSeconds;
      default: return QVariant();
    }
  }
  if (role == Qt::TextAlignmentRole && index.column() >= AccuracyColumn)
    return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::ToolTipRole && index.column() <= TaskColumn)
    return tr("%1 on %2: %n class(es)", nullptr, static_cast<int>(r.labels.size())).arg(r.model, r.task);
  return QVariant();
}

QVariant ComparisonTable::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QVariant();
  switch (section) {
    case ModelColumn: return tr("Model");
    case TaskColumn: return tr("Task");
    case AccuracyColumn: return tr("Accuracy");
    case MacroF1Column: return tr("Macro-F1");
    case TrainColumn: return tr("Train s");
    case InferenceColumn: return tr("Inference s");
    default: return QVariant();
  }
}

int ComparisonTable::find(const QString& model, const QString& task) const {
  for (int i = 0; i < rows_.size(); ++i)
    if (rows_[i].model == model && rows_[i].task == task) return i;
  return -1;
}

int ComparisonTable::addRow(const ComparisonRow& row) {
  const int existing = find(row.model, row.task);
  if (existing >= 0) {
    rows_[existing] = row;
    emit dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
    return existing;
  }
  const int at = static_cast<int>(rows_.size());
  beginInsertRows(QModelIndex(), at, at);
  rows_.append(row);
  endInsertRows();
  return at;
}

void ComparisonTable::setRows(const QVector<ComparisonRow>& rows) {
  beginResetModel();
  rows_ = rows;
  endResetModel();
}

void ComparisonTable::clear() { setRows({}); }

bool ComparisonTable::removeRows(int row, int count, const QModelIndex& parent) {
  if (parent.isValid() || row < 0 || count <= 0 || row + count > rows_.size()) return false;
  beginRemoveRows(QModelIndex(), row, row + count - 1);
  rows_.remove(row, count);
  endRemoveRows();
  return true;
}

QStringList ComparisonTable::models() const {
  QStringList out;
  for (const ComparisonRow& r : rows_)
    if (!out.contains(r.model)) out << r.model;
  return out;
}

QStringList ComparisonTable::tasks() const {
  QStringList out;
  for (const ComparisonRow& r : rows_)
    if (!out.contains(r.task)) out << r.task;
  return out;
}

std::string ComparisonTable::toCsv() const {
  std::string out = "model,task,accuracy,macro_f1,train_seconds,inference_seconds\n";
  for (const ComparisonRow& r : rows_)
    out += csv::field(r.model) + ',' + csv::field(r.task) + ',' + csv::number(r.accuracy) + ',' + csv::number(r.macroF1) + ',' +
           csv::number(r.trainSeconds) + ',' + csv::number(r.inferenceSeconds) + '\n';
  return out;
}

}  // namespace embedlab::ui
