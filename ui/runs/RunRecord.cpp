#include "ui/runs/RunRecord.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>

#include "core/util/Error.h"

namespace embedlab::ui {

QString RunRecord::statusName(Status s) {
  switch (s) {
    case Status::Running: return QStringLiteral("running");
    case Status::Finished: return QStringLiteral("finished");
    case Status::Stopped: return QStringLiteral("stopped");
    case Status::Failed: return QStringLiteral("failed");
  }
  return QStringLiteral("failed");
}

RunRecord::Status RunRecord::statusFromName(const QString& name) {
  if (name == QLatin1String("running")) return Status::Running;
  if (name == QLatin1String("finished")) return Status::Finished;
  if (name == QLatin1String("stopped")) return Status::Stopped;
  return Status::Failed;
}

QString RunRecord::statusText(Status s) {
  switch (s) {
    case Status::Running: return QCoreApplication::translate("embedlab::ui::RunRecord", "running");
    case Status::Finished: return QCoreApplication::translate("embedlab::ui::RunRecord", "finished");
    case Status::Stopped: return QCoreApplication::translate("embedlab::ui::RunRecord", "stopped");
    case Status::Failed: return QCoreApplication::translate("embedlab::ui::RunRecord", "failed");
  }
  return QString();
}

// History as columns of numbers: compact, and quick to read back for long runs.
QJsonObject RunRecord::toJson() const {
  QJsonObject o;
  o[QStringLiteral("format")] = QStringLiteral("embedlab-run-1");
  o[QStringLiteral("id")] = id;
  o[QStringLiteral("name")] = name;
  o[QStringLiteral("model")] = modelType;
  o[QStringLiteral("hyperparameters")] = QJsonObject::fromVariantMap(hyperparameters);
  o[QStringLiteral("corpus")] = QJsonArray::fromStringList(corpusFiles);
  o[QStringLiteral("status")] = statusName(status);
  o[QStringLiteral("message")] = message;
  o[QStringLiteral("started")] = started.toString(Qt::ISODateWithMs);
  o[QStringLiteral("ended")] = ended.isValid() ? ended.toString(Qt::ISODateWithMs) : QString();
  o[QStringLiteral("train_seconds")] = trainSeconds;
  o[QStringLiteral("metrics")] = QJsonObject::fromVariantMap(metrics);
  o[QStringLiteral("output_files")] = QJsonArray::fromStringList(outputFiles);
  QJsonArray step, seconds, loss, lr, ips;
  for (const TrainingPoint& p : history) {
    step.append(p.step);
    seconds.append(p.seconds);
    loss.append(p.loss);
    lr.append(p.lr);
    ips.append(p.itemsPerSec);
  }
  QJsonObject h;
  h[QStringLiteral("step")] = step;
  h[QStringLiteral("seconds")] = seconds;
  h[QStringLiteral("loss")] = loss;
  h[QStringLiteral("lr")] = lr;
  h[QStringLiteral("items_per_sec")] = ips;
  o[QStringLiteral("history")] = h;
  return o;
}

RunRecord RunRecord::fromJson(const QJsonObject& o, const QString& source) {
  if (o.value(QStringLiteral("format")).toString() != QLatin1String("embedlab-run-1"))
    throw Error(source.toStdString() + ": not an EmbedLab run record (format is not embedlab-run-1)");
  RunRecord r;
  r.id = o.value(QStringLiteral("id")).toString();
  if (r.id.isEmpty()) throw Error(source.toStdString() + ": run record without an id");
  r.name = o.value(QStringLiteral("name")).toString(r.id);
  r.modelType = o.value(QStringLiteral("model")).toString();
  r.hyperparameters = o.value(QStringLiteral("hyperparameters")).toObject().toVariantMap();
  for (const auto& v : o.value(QStringLiteral("corpus")).toArray()) r.corpusFiles << v.toString();
  r.status = statusFromName(o.value(QStringLiteral("status")).toString());
  r.message = o.value(QStringLiteral("message")).toString();
  r.started = QDateTime::fromString(o.value(QStringLiteral("started")).toString(), Qt::ISODateWithMs);
  r.ended = QDateTime::fromString(o.value(QStringLiteral("ended")).toString(), Qt::ISODateWithMs);
  r.trainSeconds = o.value(QStringLiteral("train_seconds")).toDouble();
  r.metrics = o.value(QStringLiteral("metrics")).toObject().toVariantMap();
  for (const auto& v : o.value(QStringLiteral("output_files")).toArray()) r.outputFiles << v.toString();
  const QJsonObject h = o.value(QStringLiteral("history")).toObject();
  const QJsonArray step = h.value(QStringLiteral("step")).toArray();
  const QJsonArray seconds = h.value(QStringLiteral("seconds")).toArray();
  const QJsonArray loss = h.value(QStringLiteral("loss")).toArray();
  const QJsonArray lr = h.value(QStringLiteral("lr")).toArray();
  const QJsonArray ips = h.value(QStringLiteral("items_per_sec")).toArray();
  if (seconds.size() != step.size() || loss.size() != step.size() || lr.size() != step.size() ||
      ips.size() != step.size())
    throw Error(source.toStdString() + ": history columns have different lengths");
  r.history.reserve(step.size());
  for (qsizetype i = 0; i < step.size(); ++i)
    r.history.append({step[i].toDouble(), seconds[i].toDouble(), loss[i].toDouble(), lr[i].toDouble(),
                      ips[i].toDouble()});
  return r;
}

QString RunRecord::vectorsFile() const {
  for (const QString& f : outputFiles) {
    // BERT and ELMo runs list their WordPiece / softmax vocabulary: a .txt that holds no vectors.
    if (QFileInfo(f).fileName() == QLatin1String("vocab.txt")) continue;
    if (f.endsWith(QLatin1String(".vec")) || f.endsWith(QLatin1String(".bin")) ||
        f.endsWith(QLatin1String(".txt")))
      return f;
  }
  return QString();
}

}  // namespace embedlab::ui
