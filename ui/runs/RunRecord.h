#pragma once
// One training run as kept in the workspace: <workspace>/runs/<id>/run.json plus the files the
// job wrote beside it (vectors, loss log).
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <QVector>

#include "ui/charts/TrainingChart.h"

namespace embedlab::ui {

struct RunRecord {
  enum class Status { Running, Finished, Stopped, Failed };

  QString id;            // folder name; unique, sortable by start time
  QString name;          // what the person calls it (editable)
  QString modelType;     // ModelDescriptor::id
  QVariantMap hyperparameters;
  QStringList corpusFiles;
  Status status = Status::Running;
  QString message;       // why it failed or stopped
  QDateTime started, ended;
  double trainSeconds = 0;           // wall time of the job, pauses excluded
  QVariantMap metrics;               // final loss, throughput, vocabulary size, ...
  QStringList outputFiles;           // absolute paths
  QVector<TrainingPoint> history;    // every loss report

  static QString statusName(Status s);                  // stable, for JSON
  static Status statusFromName(const QString& name);
  static QString statusText(Status s);                  // translated, for people

  QJsonObject toJson() const;
  // Throws embedlab::Error naming `source` when the object is not a run record.
  static RunRecord fromJson(const QJsonObject& json, const QString& source);

  double finalLoss() const { return history.isEmpty() ? 0.0 : history.back().loss; }
  QString vectorsFile() const;  // the first output file that holds word vectors, or empty
};

}  // namespace embedlab::ui
