#pragma once
// Runs a 2-D projection of some rows of an EmbeddingSet on a thread of its own: PCA (two chosen
// components, their share of the variance) or t-SNE (animated: every few iterations the current
// coordinates are copied and handed to the GUI thread, coalesced so that at most ~20 updates a
// second arrive, the rest dropped). Like the Mandelbrot example's worker it owns its thread and
// its StopToken, can pause (t-SNE polls the token every iteration), cancel, be replaced by a new
// run (the old one's late results are ignored), and joins in its destructor.
#include <QObject>
#include <QString>

#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/project/Tsne.h"

namespace embedlab {
class EmbeddingSet;
class StopToken;
}  // namespace embedlab

namespace embedlab::ui {

class ProjectionController : public QObject {
  Q_OBJECT
 public:
  enum class Method { Pca, Tsne };

  // Latest t-SNE coordinates during a run.
  struct Snapshot {
    std::vector<float> xy;  // (n, 2) row-major
    int iteration = 0;
    int total = 0;
    double kl = std::numeric_limits<double>::quiet_NaN();
  };

  struct Result {
    Method method = Method::Pca;
    std::vector<float> xy;  // (n, 2) row-major
    int64_t n = 0;
    // PCA: the two components shown (0-based) and their explained-variance ratios.
    int componentX = 0, componentY = 1;
    double varianceX = 0, varianceY = 0;
    // t-SNE
    int iterations = 0;
    double kl = std::numeric_limits<double>::quiet_NaN();
    QString tsneMethod;
    double seconds = 0;
  };

  explicit ProjectionController(QObject* parent = nullptr);
  ~ProjectionController() override;  // stops and joins

  // rows: the rows of the set to project, in map order. Replaces any running projection.
  void runPca(std::shared_ptr<const EmbeddingSet> set, std::vector<int64_t> rows, int componentX, int componentY);
  void runTsne(std::shared_ptr<const EmbeddingSet> set, std::vector<int64_t> rows, TsneOptions options);

  void setPaused(bool paused);
  bool isPaused() const { return paused_; }
  void cancel();  // cancelled() follows when a projection was running
  bool isRunning() const { return running_; }
  Method method() const { return method_; }

  const Snapshot& latest() const { return latest_; }
  const Result& result() const { return result_; }

  // Minimum time between two animation updates.
  static constexpr std::chrono::milliseconds kUpdateInterval{50};

 signals:
  void started();
  void progressed();  // latest() holds new coordinates
  void finished();    // result() holds the projection
  void failed(const QString& message);
  void cancelled();

 private:
  using Job = std::function<Result(StopToken& token, const std::function<void(Snapshot&&)>& post)>;
  void start(Method method, Job job);
  void stopThread();
  void deliverSnapshot(quint64 generation);
  void finish(quint64 generation);

  std::thread thread_;
  std::shared_ptr<StopToken> token_;
  bool running_ = false;
  bool paused_ = false;
  Method method_ = Method::Pca;
  quint64 generation_ = 0;

  std::mutex mutex_;       // guards the hand-over fields below
  Snapshot pending_;
  bool snapshotPosted_ = false;
  Result finalResult_;
  QString error_;
  bool wasCancelled_ = false;

  Snapshot latest_;
  Result result_;
};

}  // namespace embedlab::ui
