#include "ui/runs/RunStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStandardPaths>

#include <algorithm>

#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab::ui {

RunStore::RunStore(const QString& workspace) : workspace_(workspace.isEmpty() ? defaultWorkspace() : workspace) {}

QString RunStore::defaultWorkspace() {
  const QByteArray env = qgetenv("EMBEDLAB_WORKSPACE");
  if (!env.isEmpty()) return QString::fromLocal8Bit(env);
  return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/workspace");
}

QString RunStore::runDir(const QString& id) const { return workspace_ + QStringLiteral("/runs/") + id; }

QVector<RunRecord> RunStore::loadAll(QStringList* problems) const {
  QVector<RunRecord> runs;
  const QDir dir(workspace_ + QStringLiteral("/runs"));
  for (const QString& id : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
    const QString path = dir.filePath(id + QStringLiteral("/run.json"));
    QFile file(path);
    if (!file.exists()) continue;  // a folder without a record: a run being created, or debris
    try {
      if (!file.open(QIODevice::ReadOnly)) throw Error(path.toStdString() + ": cannot be read");
      QJsonParseError err;
      const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &err);
      if (err.error != QJsonParseError::NoError || !doc.isObject())
        throw Error(path.toStdString() + ": not valid JSON (" + err.errorString().toStdString() + ")");
      RunRecord run = RunRecord::fromJson(doc.object(), path);
      if (run.status == RunRecord::Status::Running) {
        run.status = RunRecord::Status::Stopped;
        run.message = QCoreApplication::translate("embedlab::ui::RunStore",
                                                  "The program ended while this run was training.");
      }
      runs.append(std::move(run));
    } catch (const std::exception& e) {
      if (problems) *problems << QString::fromUtf8(e.what());
    }
  }
  std::sort(runs.begin(), runs.end(), [](const RunRecord& a, const RunRecord& b) {
    return a.started != b.started ? a.started < b.started : a.id < b.id;
  });
  return runs;
}

RunRecord RunStore::create(const QString& modelType, const QString& name) const {
  RunRecord run;
  run.started = QDateTime::currentDateTime();
  run.modelType = modelType;
  // Time first so that folders sort by start; a sequence number keeps two runs created in the
  // same millisecond apart and in the order they were created (ids sort as runs started).
  const QString stamp = run.started.toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
  QDir root(workspace_);
  for (int sequence = 0; sequence < 10000; ++sequence) {
    const QString id = stamp + QStringLiteral("-%1").arg(sequence, 4, 10, QLatin1Char('0'));
    const QString dir = runDir(id);
    if (QDir(dir).exists()) continue;
    if (!root.mkpath(QStringLiteral("runs/") + id))
      throw Error(dir.toStdString() + ": cannot create the run folder");
    run.id = id;
    run.name = name.isEmpty() ? id : name;
    return run;
  }
  throw Error(workspace_.toStdString() + ": cannot find a free run folder name");
}

void RunStore::save(const RunRecord& run) const {
  const QString path = runDir(run.id) + QStringLiteral("/run.json");
  const QByteArray json = QJsonDocument(run.toJson()).toJson(QJsonDocument::Indented);
  writeFileAtomically(path.toStdString(), std::string_view(json.constData(), static_cast<size_t>(json.size())));
}

bool RunStore::remove(const QString& id) const {
  if (id.isEmpty() || id.contains(QLatin1Char('/')) || id.startsWith(QLatin1Char('.'))) return false;
  QDir dir(runDir(id));
  return !dir.exists() || dir.removeRecursively();
}

}  // namespace embedlab::ui
