#pragma once
// A piece of work on a thread of its own, for the pages (corpus statistics, loading vectors,
// benchmarks). Like the TrainingWorker it owns its thread and its StopToken and joins in its
// destructor. The work returns a continuation that runs on the GUI thread with the result, so
// results of any type reach the widgets without meta-type registration.
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "core/train/Progress.h"

namespace embedlab::ui {

class BackgroundTask : public QObject {
  Q_OBJECT
 public:
  using ProgressFn = std::function<void(double fraction)>;
  // Runs on the worker thread; may throw (the message reaches failed()). The returned function,
  // if any, runs on the GUI thread before succeeded().
  using Work = std::function<std::function<void()>(StopToken& token, const ProgressFn& progress)>;

  explicit BackgroundTask(QObject* parent = nullptr);
  ~BackgroundTask() override;  // cancels and joins

  // Cancels a running piece of work (its result is dropped silently) and starts this one.
  void start(Work work);
  void cancel();                // the work sees stopRequested(); cancelled() follows
  bool isRunning() const { return running_; }

 signals:
  void progressed(double fraction);  // at most ~20 a second
  void succeeded();
  void failed(const QString& message);
  void cancelled();

 private:
  void finishGeneration(quint64 generation);
  void join();

  std::thread thread_;
  std::shared_ptr<StopToken> token_;
  bool running_ = false;
  quint64 generation_ = 0;  // results of replaced work are ignored
  std::mutex mutex_;
  std::function<void()> continuation_;
  QString error_;
  std::atomic<bool> progressPending_{false};
  std::atomic<double> latestProgress_{0};
};

}  // namespace embedlab::ui
