#pragma once
// The runs of a workspace as a table: select, compare (the check box on the name overlays the run
// in the chart), rename in place, delete. Changes go to the RunStore at once.
#include <QAbstractTableModel>
#include <QSet>
#include <QVector>

#include "ui/runs/RunRecord.h"
#include "ui/runs/RunStore.h"

namespace embedlab::ui {

class RunTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { NameColumn, ModelColumn, StatusColumn, StartedColumn, TimeColumn, LossColumn, SpeedColumn, ColumnCount };

  explicit RunTableModel(RunStore* store, QObject* parent = nullptr);

  // Reads the workspace again. Returns the problems met (unreadable records).
  QStringList reload();

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

  const QVector<RunRecord>& runs() const { return runs_; }
  const RunRecord* run(const QString& id) const;
  int rowOf(const QString& id) const;

  // Adds or replaces a record (and saves it when `persist`). Throws embedlab::Error from the store.
  void upsert(const RunRecord& run, bool persist = true);
  // Appends history points of a running run in memory only (saved at its end).
  void appendHistory(const QString& id, const QVector<TrainingPoint>& points);
  bool rename(const QString& id, const QString& name);
  bool remove(const QString& id);

  bool isOverlaid(const QString& id) const { return overlaid_.contains(id); }
  void setOverlaid(const QString& id, bool on);
  QStringList overlaidRuns() const;

 signals:
  void overlayChanged(const QString& id, bool on);
  void runRenamed(const QString& id, const QString& name);
  void runRemoved(const QString& id);
  void saveFailed(const QString& message);

 private:
  RunStore* store_;
  QVector<RunRecord> runs_;
  QSet<QString> overlaid_;
};

}  // namespace embedlab::ui
