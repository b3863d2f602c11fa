#include "ui/train/TrainingWorker.h"

#include <QMetaObject>
#include <QTimer>

#include <exception>

#include "ui/util/ThreadPriority.h"

namespace embedlab::ui {

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent) {
  qRegisterMetaType<embedlab::ui::ProgressUpdate>();
  qRegisterMetaType<QVector<embedlab::ui::ProgressUpdate>>();
}

TrainingWorker::~TrainingWorker() {
  if (token_) token_->requestStop();
  join();
}

bool TrainingWorker::start(std::unique_ptr<TrainingJob> job) {
  if (running_ || !job) return false;
  join();  // a finished thread whose done-event is still queued
  job_ = std::move(job);
  token_ = std::make_unique<StopToken>();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.clear();
    result_ = JobResult{};
  }
  flushScheduled_ = false;
  running_ = true;
  paused_ = false;
  sinceLastSignal_.invalidate();

  TrainingJob* rawJob = job_.get();
  StopToken* rawToken = token_.get();
  thread_ = std::thread([this, rawJob, rawToken] {
    lowerCurrentThreadPriority();  // the event loop comes first (see ThreadPriority.h)
    JobResult result;
    try {
      result = rawJob->run([this](const Progress& p) { onReport(p); }, *rawToken);
    } catch (const std::exception& e) {  // the contract says run() never throws; be safe anyway
      result.status = JobStatus::Failed;
      result.message = e.what();
    } catch (...) {
      result.status = JobStatus::Failed;
      result.message = "unknown error";
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      result_ = std::move(result);
    }
    QMetaObject::invokeMethod(this, &TrainingWorker::onThreadDone, Qt::QueuedConnection);
  });
  return true;
}

void TrainingWorker::pause() {
  if (!running_ || paused_) return;
  token_->setPaused(true);
  paused_ = true;
  emit pausedChanged(true);
}

void TrainingWorker::resume() {
  if (!running_ || !paused_) return;
  token_->setPaused(false);
  paused_ = false;
  emit pausedChanged(false);
}

void TrainingWorker::stop() {
  if (!running_) return;
  token_->requestStop();
}

void TrainingWorker::stopAndWait() {
  if (!running_) return;
  token_->requestStop();
  join();
  onThreadDone();  // the queued call that follows finds running_ == false and does nothing
}

// Worker thread: queue the report; ask the GUI thread to flush unless a flush is already on its way.
void TrainingWorker::onReport(const Progress& p) {
  ProgressUpdate u;
  u.point.step = static_cast<double>(p.step);
  u.point.seconds = p.elapsedSeconds;
  u.point.loss = p.loss;
  u.point.lr = p.lr;
  u.point.itemsPerSec = p.itemsPerSec;
  u.step = p.step;
  u.total = p.total;
  u.etaSeconds = p.etaSeconds;
  u.phase = QString::fromStdString(p.phase);
  for (const auto& [name, value] : p.extras) u.extras.append({QString::fromStdString(name), value});
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.append(std::move(u));
  }
  if (!flushScheduled_.exchange(true))
    QMetaObject::invokeMethod(this, &TrainingWorker::flush, Qt::QueuedConnection);
}

// GUI thread: emit what is queued, unless the last signal was less than the interval ago — then
// come back when the interval is over (coalescing every report in between into one signal).
void TrainingWorker::flush() {
  if (sinceLastSignal_.isValid() && sinceLastSignal_.elapsed() < kMinSignalIntervalMs && running_) {
    const int wait = kMinSignalIntervalMs - static_cast<int>(sinceLastSignal_.elapsed());
    QTimer::singleShot(qMax(1, wait), this, &TrainingWorker::flush);
    return;
  }
  QVector<ProgressUpdate> updates;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    updates.swap(pending_);
    flushScheduled_ = false;  // under the lock: a report queued after the swap schedules again
  }
  if (updates.isEmpty()) return;
  sinceLastSignal_.start();
  emit progressed(updates);
}

void TrainingWorker::onThreadDone() {
  if (!running_) return;
  join();
  running_ = false;
  paused_ = false;
  flush();  // the last reports before finished()
  JobResult result;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    result = result_;
  }
  QStringList files;
  for (const auto& f : result.outputFiles) files << QString::fromStdString(f);
  emit finished(static_cast<int>(result.status), QString::fromStdString(result.message), files);
}

void TrainingWorker::join() {
  if (thread_.joinable()) thread_.join();
}

}  // namespace embedlab::ui
