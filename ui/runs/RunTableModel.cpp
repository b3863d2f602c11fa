#include "ui/runs/RunTableModel.h"

#include <QLocale>

#include "core/util/Error.h"

namespace embedlab::ui {

RunTableModel::RunTableModel(RunStore* store, QObject* parent) : QAbstractTableModel(parent), store_(store) {}

QStringList RunTableModel::reload() {
  QStringList problems;
  beginResetModel();
  runs_ = store_->loadAll(&problems);
  QSet<QString> kept;
  for (const RunRecord& r : runs_)
    if (overlaid_.contains(r.id)) kept.insert(r.id);
  overlaid_ = kept;
  endResetModel();
  return problems;
}

int RunTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(runs_.size()); }
int RunTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

namespace {
QString formatDuration(double seconds) {
  const qint64 s = static_cast<qint64>(seconds + 0.5);
  if (s < 60) return QStringLiteral("%1 s").arg(seconds, 0, 'f', seconds < 10 ? 1 : 0);
  if (s < 3600) return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
}
}  // namespace

QVariant RunTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= runs_.size()) return {};
  const RunRecord& r = runs_[index.row()];
  if (role == Qt::CheckStateRole && index.column() == NameColumn)
    return overlaid_.contains(r.id) ? Qt::Checked : Qt::Unchecked;
  if (role == Qt::ToolTipRole) {
    if (index.column() == NameColumn) return tr("Tick to overlay this run in the chart; double-click to rename.");
    if (index.column() == StatusColumn && !r.message.isEmpty()) return r.message;
    return {};
  }
  if (role == Qt::UserRole) return r.id;
  if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
  const QLocale locale;
  switch (index.column()) {
    case NameColumn: return r.name;
    case ModelColumn: return r.modelType;
    case StatusColumn: return RunRecord::statusText(r.status);
    case StartedColumn: return locale.toString(r.started, QStringLiteral("MM-dd HH:mm"));
    case TimeColumn: return r.trainSeconds > 0 ? formatDuration(r.trainSeconds) : QString();
    case LossColumn: return r.history.isEmpty() ? QString() : QString::number(r.finalLoss(), 'g', 4);
    case SpeedColumn: {
      const double speed = r.metrics.value(QStringLiteral("items_per_sec")).toDouble();
      return speed > 0 ? locale.toString(speed, 'f', 0) : QString();
    }
  }
  return {};
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case NameColumn: return tr("Run");
    case ModelColumn: return tr("Model");
    case StatusColumn: return tr("Status");
    case StartedColumn: return tr("Started");
    case TimeColumn: return tr("Time");
    case LossColumn: return tr("Final loss");
    case SpeedColumn: return tr("Items/s");
  }
  return {};
}

Qt::ItemFlags RunTableModel::flags(const QModelIndex& index) const {
  Qt::ItemFlags f = QAbstractTableModel::flags(index);
  if (index.isValid() && index.column() == NameColumn) f |= Qt::ItemIsEditable | Qt::ItemIsUserCheckable;
  return f;
}

bool RunTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!index.isValid() || index.column() != NameColumn || index.row() >= runs_.size()) return false;
  const QString id = runs_[index.row()].id;
  if (role == Qt::CheckStateRole) {
    setOverlaid(id, value.toInt() == Qt::Checked);
    return true;
  }
  if (role == Qt::EditRole) return rename(id, value.toString());
  return false;
}

const RunRecord* RunTableModel::run(const QString& id) const {
  const int row = rowOf(id);
  return row < 0 ? nullptr : &runs_[row];
}

int RunTableModel::rowOf(const QString& id) const {
  for (int i = 0; i < runs_.size(); ++i)
    if (runs_[i].id == id) return i;
  return -1;
}

void RunTableModel::upsert(const RunRecord& run, bool persist) {
  const int row = rowOf(run.id);
  if (row < 0) {
    beginInsertRows(QModelIndex(), static_cast<int>(runs_.size()), static_cast<int>(runs_.size()));
    runs_.append(run);
    endInsertRows();
  } else {
    runs_[row] = run;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
  }
  if (persist) store_->save(run);
}

void RunTableModel::appendHistory(const QString& id, const QVector<TrainingPoint>& points) {
  const int row = rowOf(id);
  if (row < 0) return;
  runs_[row].history += points;
  if (!points.isEmpty()) runs_[row].trainSeconds = points.back().seconds;
  emit dataChanged(index(row, TimeColumn), index(row, LossColumn));
}

bool RunTableModel::rename(const QString& id, const QString& name) {
  const int row = rowOf(id);
  const QString trimmed = name.trimmed();
  if (row < 0 || trimmed.isEmpty()) return false;
  if (runs_[row].name == trimmed) return true;
  const QString old = runs_[row].name;
  runs_[row].name = trimmed;
  try {
    // A running run's record is saved when it ends; renaming it now only changes memory.
    if (runs_[row].status != RunRecord::Status::Running) store_->save(runs_[row]);
  } catch (const std::exception& e) {
    runs_[row].name = old;
    emit saveFailed(QString::fromUtf8(e.what()));
    return false;
  }
  emit dataChanged(index(row, NameColumn), index(row, NameColumn));
  emit runRenamed(id, trimmed);
  return true;
}

bool RunTableModel::remove(const QString& id) {
  const int row = rowOf(id);
  if (row < 0) return false;
  if (!store_->remove(id)) {
    emit saveFailed(tr("Could not delete every file of run \"%1\" in %2.").arg(runs_[row].name, store_->runDir(id)));
    return false;
  }
  beginRemoveRows(QModelIndex(), row, row);
  runs_.removeAt(row);
  endRemoveRows();
  overlaid_.remove(id);
  emit runRemoved(id);
  return true;
}

void RunTableModel::setOverlaid(const QString& id, bool on) {
  const int row = rowOf(id);
  if (row < 0 || overlaid_.contains(id) == on) return;
  if (on) {
    overlaid_.insert(id);
  } else {
    overlaid_.remove(id);
  }
  emit dataChanged(index(row, NameColumn), index(row, NameColumn), {Qt::CheckStateRole});
  emit overlayChanged(id, on);
}

QStringList RunTableModel::overlaidRuns() const {
  QStringList ids;
  for (const RunRecord& r : runs_)
    if (overlaid_.contains(r.id)) ids << r.id;
  return ids;
}

}  // namespace embedlab::ui
