// EmbedLab's own run records (<workspace>/runs/<id>/run.json), read the way the window reads
// them: QJsonDocument, then RunRecord::fromJson, and RunStore::loadAll over a workspace holding
// the input as its only run. A record that reads must write back (toJson) to one that reads
// the same. Only Qt Core is linked: RunRecord.h names the chart's TrainingPoint, whose header
// includes QtWidgets, but nothing of QtWidgets is used.
#include <QByteArray>
#include <QDir>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <string>

#include "tests/fuzz/FuzzSupport.h"
#include "ui/runs/RunRecord.h"
#include "ui/runs/RunStore.h"

using namespace embedlab;
using embedlab::ui::RunRecord;
using embedlab::ui::RunStore;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
  QJsonParseError err;
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
  if (err.error == QJsonParseError::NoError && doc.isObject()) {
    RunRecord run;
    if (fuzz::onlyErrors("RunRecord::fromJson", [&] { run = RunRecord::fromJson(doc.object(), QStringLiteral("run.json")); })) {
      EMBEDLAB_FUZZ_CHECK(!run.id.isEmpty());
      RunRecord back;
      EMBEDLAB_FUZZ_CHECK(fuzz::onlyErrors("RunRecord round trip",
                                           [&] { back = RunRecord::fromJson(run.toJson(), QStringLiteral("back")); }));
      EMBEDLAB_FUZZ_CHECK(back.id == run.id && back.history.size() == run.history.size());
    }
  }

  // The store: one run folder with this record; unreadable records become problems, never throws.
  static const QString workspace = QString::fromStdString(fuzz::scratchDir()) + QStringLiteral("/workspace");
  static const bool made = QDir().mkpath(workspace + QStringLiteral("/runs/20260101-000000-000-0000"));
  EMBEDLAB_FUZZ_CHECK(made);
  fuzz::writeFile("workspace/runs/20260101-000000-000-0000/run.json", fuzz::asView(data, size));
  QStringList problems;
  QVector<RunRecord> runs;
  fuzz::onlyErrors("RunStore::loadAll", [&] { runs = RunStore(workspace).loadAll(&problems); });
  EMBEDLAB_FUZZ_CHECK(runs.size() + problems.size() == 1);
  return 0;
}
