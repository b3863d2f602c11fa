#include "ui/explore/ProjectionController.h"

#include <QMetaObject>

#include <algorithm>
#include <exception>
#include <numeric>

#include "core/embeddings/EmbeddingSet.h"
#include "core/project/Pca.h"
#include "core/train/Progress.h"
#include "core/util/Error.h"
#include "ui/util/ThreadPriority.h"

namespace embedlab::ui {

namespace {

// The rows to project as one (n, d) buffer. All rows in order need no copy: `owned` stays empty
// and the set's own matrix is used.
const float* gatherRows(const EmbeddingSet& set, const std::vector<int64_t>& rows, std::vector<float>& owned) {
  bool identity = int64_t(rows.size()) == set.rows();
  for (size_t i = 0; identity && i < rows.size(); ++i) identity = rows[i] == int64_t(i);
  if (identity) return set.data();
  const int d = set.dim();
  owned.resize(rows.size() * size_t(d));
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i] < 0 || rows[i] >= set.rows()) throw UsageError("projection: row " + std::to_string(rows[i]) + " is not in the vectors");
    std::copy(set.row(rows[i]), set.row(rows[i]) + d, owned.begin() + int64_t(i) * d);
  }
  return owned.data();
}

}  // namespace

ProjectionController::ProjectionController(QObject* parent) : QObject(parent) {}

ProjectionController::~ProjectionController() { stopThread(); }

void ProjectionController::stopThread() {
  if (token_) token_->requestStop();
  if (thread_.joinable()) thread_.join();
}

void ProjectionController::setPaused(bool paused) {
  paused_ = paused;
  if (token_) token_->setPaused(paused);
}

void ProjectionController::cancel() {
  if (running_ && token_) token_->requestStop();
}

void ProjectionController::start(Method method, Job job) {
  stopThread();  // the old job polls its token, so this is short; its late results are dropped
  const quint64 generation = ++generation_;
  token_ = std::make_shared<StopToken>();
  paused_ = false;
  running_ = true;
  method_ = method;
  latest_ = Snapshot();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_ = Snapshot();
    snapshotPosted_ = false;
    finalResult_ = Result();
    error_.clear();
    wasCancelled_ = false;
  }
  auto token = token_;
  emit started();
  thread_ = std::thread([this, job = std::move(job), token, generation] {
    lowerCurrentThreadPriority();
    // Coalesced hand-over: the newest snapshot replaces an undelivered one; one queued call at a time.
    const auto post = [this, generation](Snapshot&& s) {
      std::lock_guard<std::mutex> lock(mutex_);
      pending_ = std::move(s);
      if (snapshotPosted_) return;
      snapshotPosted_ = true;
      QMetaObject::invokeMethod(this, [this, generation] { deliverSnapshot(generation); }, Qt::QueuedConnection);
    };
    Result result;
    QString error;
    try {
      result = job(*token, post);
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    } catch (...) {
      error = QStringLiteral("unknown error");
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      finalResult_ = std::move(result);
      error_ = error;
      wasCancelled_ = token->stopRequested();
    }
    QMetaObject::invokeMethod(this, [this, generation] { finish(generation); }, Qt::QueuedConnection);
  });
}

void ProjectionController::deliverSnapshot(quint64 generation) {
  // A replaced run's late call leaves the hand-over alone: start() has reset it for the new run,
  // whose own call is queued behind this one; taking pending_ here would drop the new run's
  // snapshot (not a data race, everything is under mutex_, but a lost animation frame).
  if (generation != generation_) return;
  Snapshot s;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    snapshotPosted_ = false;
    s = std::move(pending_);
  }
  if (!running_ || s.xy.empty()) return;
  latest_ = std::move(s);
  emit progressed();
}

void ProjectionController::finish(quint64 generation) {
  if (generation != generation_ || !running_) return;
  if (thread_.joinable()) thread_.join();
  running_ = false;
  paused_ = false;
  Result result;
  QString error;
  bool wasCancelled;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    result = std::move(finalResult_);
    error = error_;
    wasCancelled = wasCancelled_;
  }
  if (!error.isEmpty()) {
    emit failed(error);
  } else if (wasCancelled) {
    emit cancelled();
  } else {
    result_ = std::move(result);
    emit finished();
  }
}

void ProjectionController::runPca(std::shared_ptr<const EmbeddingSet> set, std::vector<int64_t> rows, int componentX,
                                  int componentY) {
  start(Method::Pca, [set, rows = std::move(rows), componentX, componentY](StopToken&, const auto&) {
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<float> owned;
    const float* data = gatherRows(*set, rows, owned);
    const int64_t n = int64_t(rows.size());
    PcaOptions options;
    options.components = std::max(componentX, componentY) + 1;
    const PcaResult pca = Pca(options).fit(data, n, set->dim());
    Result r;
    r.method = Method::Pca;
    r.n = n;
    r.componentX = componentX;
    r.componentY = componentY;
    r.varianceX = pca.explainedVarianceRatio[componentX];
    r.varianceY = pca.explainedVarianceRatio[componentY];
    r.xy.resize(size_t(n) * 2);
    for (int64_t i = 0; i < n; ++i) {
      r.xy[2 * i] = pca.coordinates[i * pca.k + componentX];
      r.xy[2 * i + 1] = pca.coordinates[i * pca.k + componentY];
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
  });
}

void ProjectionController::runTsne(std::shared_ptr<const EmbeddingSet> set, std::vector<int64_t> rows,
                                   TsneOptions options) {
  start(Method::Tsne, [set, rows = std::move(rows), options](StopToken& token, const auto& post) {
    std::vector<float> owned;
    const float* data = gatherRows(*set, rows, owned);
    const int64_t n = int64_t(rows.size());
    // Snapshots cost a copy and a KL evaluation; the clock keeps them to the animation rate.
    auto last = std::chrono::steady_clock::now() - kUpdateInterval;
    const TsneCallback callback = [&](const TsneSnapshot& s) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last < kUpdateInterval && s.iteration < s.total) return;
      last = now;
      Snapshot snap;
      snap.xy = *s.coordinates;
      snap.iteration = s.iteration;
      snap.total = s.total;
      snap.kl = s.klDivergence;
      post(std::move(snap));
    };
    const Tsne tsne(options);
    TsneResult t = tsne.run(data, n, set->dim(), callback, &token);
    Result r;
    r.method = Method::Tsne;
    r.n = n;
    r.xy = std::move(t.coordinates);
    r.iterations = t.iterations;
    r.kl = t.klDivergence;
    r.tsneMethod = QString::fromStdString(Tsne::methodName(t.method));
    r.seconds = t.seconds;
    return r;
  });
}

}  // namespace embedlab::ui
