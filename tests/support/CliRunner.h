#pragma once
// Runs the built embedlab-cli (EMBEDLAB_CLI) for the app suites and reads its one JSON line.
#include <QByteArray>
#include <QProcess>
#include <QStringList>
#include <QtGlobal>

#include <string>

#include "support/TestPaths.h"

namespace embedlab::test {

struct CliRun {
  int exitCode = -1;
  bool crashed = false;  // killed by a signal, or still running at the time-out
  QByteArray out, err;
};

inline CliRun runCli(const QStringList& args, int timeoutMs = 120000) {
  QProcess p;
  p.start(QString::fromStdString(cliPath()), args);
  CliRun r;
  if (!p.waitForStarted(10000)) return r;
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished();
    r.crashed = true;
    return r;
  }
  r.crashed = p.exitStatus() != QProcess::NormalExit;
  r.exitCode = p.exitCode();
  r.out = p.readAllStandardOutput();
  r.err = p.readAllStandardError();
  return r;
}

// stdout must be exactly one JSON object on one line; anything else gives a null value and a
// warning that shows what was printed. Json: nlohmann::json or nlohmann::ordered_json.
template <class Json>
Json parseJsonOutput(const CliRun& r) {
  const std::string text = r.out.toStdString();
  if (text.empty() || text.back() != '\n' || text.find('\n') != text.size() - 1) {
    qWarning("stdout is not one line: %s (stderr: %s)", text.c_str(), r.err.constData());
    return Json();
  }
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_object()) qWarning("stdout is not a JSON object: %s", text.c_str());
  return j;
}

}  // namespace embedlab::test
