#include "ui/evaluate/BuiltinSets.h"

#include <QFile>

#include <string>

#include "core/util/Error.h"

namespace embedlab::ui {

namespace {

std::string readResource(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw Error(path.toStdString() + ": the built-in evaluation set is missing from this build");
  const QByteArray bytes = file.readAll();
  return std::string(bytes.constData(), static_cast<size_t>(bytes.size()));
}

}  // namespace

QString BuiltinSets::analogyResource() { return QStringLiteral(":/eval/analogies-small.txt"); }
QString BuiltinSets::similarityResource() { return QStringLiteral(":/eval/similarity-small.txt"); }

AnalogyBenchmark BuiltinSets::analogies() {
  return AnalogyBenchmark::parse(readResource(analogyResource()), "analogies-small.txt (built-in)");
}

SimilarityBenchmark BuiltinSets::similarity() {
  return SimilarityBenchmark::parse(readResource(similarityResource()), "similarity-small.txt (built-in)");
}

}  // namespace embedlab::ui
