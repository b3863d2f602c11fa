#include "ui/vectors/CurrentVectors.h"

#include <QFileInfo>

#include "core/embeddings/EmbeddingSet.h"
#include "core/embeddings/NearestNeighbors.h"
#include "core/io/WordVectors.h"
#include "ui/util/BackgroundTask.h"

namespace embedlab::ui {

namespace {

QString runFolderOf(const QString& vectorsPath) {
  if (vectorsPath.isEmpty()) return QString();
  const QString dir = QFileInfo(vectorsPath).absolutePath();
  return QFileInfo::exists(dir + QStringLiteral("/run.json")) ? dir : QString();
}

}  // namespace

CurrentVectors::CurrentVectors(QObject* parent) : QObject(parent) {
  task_ = new BackgroundTask(this);
  connect(task_, &BackgroundTask::failed, this, [this](const QString& message) {
    set_.reset();
    index_.reset();
    error_ = message;
    emit changed();
  });
  connect(task_, &BackgroundTask::succeeded, this, [this] { emit changed(); });
}

CurrentVectors::~CurrentVectors() = default;

bool CurrentVectors::isLoading() const { return task_->isRunning(); }

void CurrentVectors::clear() {
  task_->cancel();
  set_.reset();
  index_.reset();
  name_.clear();
  path_.clear();
  runFolder_.clear();
  error_.clear();
  emit changed();
}

void CurrentVectors::loadFile(const QString& path, const QString& name) {
  set_.reset();
  index_.reset();
  error_.clear();
  path_ = path;
  runFolder_ = runFolderOf(path);
  name_ = name.isEmpty() ? QFileInfo(path).fileName() : name;
  emit loadingStarted(name_);
  const std::string file = path.toStdString();
  task_->start([this, file](StopToken& token, const BackgroundTask::ProgressFn&) -> std::function<void()> {
    WordVectorsLoadOptions options;
    options.stop = &token;
    auto set = std::make_shared<const EmbeddingSet>(loadWordVectors(file, options));
    auto index = std::make_shared<const NearestNeighbors>(*set);
    set->find(std::string_view());  // builds the lazy label index here, not later on two threads
    return [this, set, index] {
      set_ = set;
      index_ = index;
    };
  });
}

void CurrentVectors::setVectors(std::shared_ptr<const EmbeddingSet> set, const QString& name, const QString& sourcePath) {
  set_.reset();
  index_.reset();
  error_.clear();
  path_ = sourcePath;
  runFolder_ = runFolderOf(sourcePath);
  name_ = name;
  emit loadingStarted(name_);
  task_->start([this, set](StopToken&, const BackgroundTask::ProgressFn&) -> std::function<void()> {
    auto index = std::make_shared<const NearestNeighbors>(*set);
    set->find(std::string_view());  // builds the lazy label index here, not later on two threads
    return [this, set, index] {
      set_ = set;
      index_ = index;
    };
  });
}

int64_t CurrentVectors::rowOf(const QString& word) const {
  if (!set_) return -1;
  const std::string w = word.trimmed().toStdString();
  int64_t row = set_->find(w);
  if (row < 0) row = set_->find(word.trimmed().toLower().toStdString());
  return row;
}

}  // namespace embedlab::ui
