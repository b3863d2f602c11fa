#pragma once
// The workspace folder where runs live: <workspace>/runs/<id>/run.json plus the run's files.
// The workspace is EMBEDLAB_WORKSPACE when set (tests use it), else <AppDataLocation>/workspace.
#include <QString>
#include <QStringList>
#include <QVector>

#include "ui/runs/RunRecord.h"

namespace embedlab::ui {

class RunStore {
 public:
  // Empty `workspace`: from the environment or the default location.
  explicit RunStore(const QString& workspace = QString());

  static QString defaultWorkspace();
  const QString& workspace() const { return workspace_; }
  QString runDir(const QString& id) const;

  // Every readable run, oldest first. Records that cannot be read are skipped and their problem
  // appended to `problems`. A run still marked running (the program ended during training) comes
  // back as stopped.
  QVector<RunRecord> loadAll(QStringList* problems = nullptr) const;

  // A new record with a fresh id and its folder created. Throws embedlab::Error when the folder
  // cannot be created.
  RunRecord create(const QString& modelType, const QString& name) const;

  // run.json, atomically. Throws embedlab::Error (e.g. disk full) naming the file.
  void save(const RunRecord& run) const;

  // Deletes the run's folder; false when something could not be removed.
  bool remove(const QString& id) const;

 private:
  QString workspace_;
};

}  // namespace embedlab::ui
