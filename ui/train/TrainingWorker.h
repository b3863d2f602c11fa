#pragma once
// Runs one TrainingJob on a thread of its own (the Mandelbrot example's pattern): the worker owns
// the thread and the StopToken, turns the job's ProgressSink calls into queued signals at most
// ~20 times a second, and joins the thread in its destructor. Loss points are never dropped:
// every report since the last signal travels with the next one.
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include "core/train/Progress.h"
#include "core/train/TrainingJob.h"
#include "ui/charts/TrainingChart.h"

namespace embedlab::ui {

// One progress report as the UI sees it.
struct ProgressUpdate {
  TrainingPoint point;
  qint64 step = 0, total = 0;
  double etaSeconds = 0;
  QString phase;
  QVector<QPair<QString, double>> extras;
};

class TrainingWorker : public QObject {
  Q_OBJECT
 public:
  explicit TrainingWorker(QObject* parent = nullptr);
  ~TrainingWorker() override;  // requests a stop and joins

  // Starts the job on the worker thread; false when a job is already running.
  bool start(std::unique_ptr<TrainingJob> job);
  void pause();
  void resume();
  void stop();  // asynchronous: finished() follows within the job's polling interval

  // Requests a stop and waits for the thread, then delivers finished() synchronously.
  // For closing the window: everything the job saved is kept.
  void stopAndWait();

  bool isRunning() const { return running_; }
  bool isPaused() const { return paused_; }
  // The job of the current or last run (its embeddings stay available after it ends).
  const TrainingJob* job() const { return job_.get(); }

  static constexpr int kMinSignalIntervalMs = 50;  // ~20 signals a second

 signals:
  // Every report since the previous signal, oldest first (never empty).
  void progressed(const QVector<embedlab::ui::ProgressUpdate>& updates);
  void pausedChanged(bool paused);
  // status: JobStatus as int. Emitted once per start(), after the thread has ended.
  void finished(int status, const QString& message, const QStringList& outputFiles);

 private:
  void onReport(const Progress& p);  // worker thread
  void flush();                      // GUI thread
  void onThreadDone();               // GUI thread
  void join();

  std::unique_ptr<TrainingJob> job_;
  std::unique_ptr<StopToken> token_;
  std::thread thread_;
  bool running_ = false;
  bool paused_ = false;

  std::mutex mutex_;                  // guards pending_ and result_
  QVector<ProgressUpdate> pending_;
  JobResult result_;
  std::atomic<bool> flushScheduled_{false};
  QElapsedTimer sinceLastSignal_;
};

}  // namespace embedlab::ui

Q_DECLARE_METATYPE(embedlab::ui::ProgressUpdate)
