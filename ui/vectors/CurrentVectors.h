#pragma once
// The word vectors the Explore and Evaluate pages work on: a run's vectors (kept in memory or read
// from its folder) or a file the person opened. Loading and indexing happen on a worker thread.
#include <QObject>
#include <QString>

#include <memory>

namespace embedlab {
class EmbeddingSet;
class NearestNeighbors;
}  // namespace embedlab

namespace embedlab::ui {

class BackgroundTask;

class CurrentVectors : public QObject {
  Q_OBJECT
 public:
  explicit CurrentVectors(QObject* parent = nullptr);
  ~CurrentVectors() override;

  // Reads a vectors file (.vec/.txt/.bin/.tsv, optionally .gz) in the background.
  void loadFile(const QString& path, const QString& name = QString());
  // Vectors already in memory (a run of this session); only the index is built in the background.
  void setVectors(std::shared_ptr<const EmbeddingSet> set, const QString& name, const QString& sourcePath = QString());
  void clear();

  bool isLoading() const;
  bool isReady() const { return set_ && index_; }
  QString name() const { return name_; }
  QString sourcePath() const { return path_; }
  // The run folder the vectors belong to: the folder of the source file when it holds a run.json
  // (a run's vectors file, opened from the run table or by hand), else empty. Results computed on
  // these vectors (evaluation.json) are kept there.
  QString runFolder() const { return runFolder_; }
  QString lastError() const { return error_; }
  std::shared_ptr<const EmbeddingSet> set() const { return set_; }
  std::shared_ptr<const NearestNeighbors> index() const { return index_; }

  // Row of a word: exact label first, then its lowercase form; -1 when absent.
  int64_t rowOf(const QString& word) const;

 signals:
  void loadingStarted(const QString& name);
  void changed();  // ready, cleared, or failed (see lastError)

 private:
  BackgroundTask* task_;
  std::shared_ptr<const EmbeddingSet> set_;
  std::shared_ptr<const NearestNeighbors> index_;
  QString name_, path_, error_, runFolder_;
};

}  // namespace embedlab::ui
