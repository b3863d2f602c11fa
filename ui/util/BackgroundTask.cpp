#include "ui/util/BackgroundTask.h"

#include <QMetaObject>
#include <QTimer>

#include <exception>

#include "ui/util/ThreadPriority.h"

namespace embedlab::ui {

BackgroundTask::BackgroundTask(QObject* parent) : QObject(parent) {}

BackgroundTask::~BackgroundTask() {
  if (token_) token_->requestStop();
  join();
}

void BackgroundTask::join() {
  if (thread_.joinable()) thread_.join();
}

void BackgroundTask::start(Work work) {
  if (running_) {
    token_->requestStop();
    join();  // work polls its token, so this is short; the replaced work ends silently
    running_ = false;
  }
  join();
  const quint64 generation = ++generation_;
  token_ = std::make_shared<StopToken>();
  running_ = true;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    continuation_ = nullptr;
    error_.clear();
  }
  auto token = token_;
  thread_ = std::thread([this, work = std::move(work), token, generation] {
    lowerCurrentThreadPriority();
    std::function<void()> continuation;
    QString error;
    // Progress is coalesced: only the latest fraction travels, one queued call at a time.
    const ProgressFn progress = [this](double fraction) {
      latestProgress_ = fraction;
      if (!progressPending_.exchange(true))
        QMetaObject::invokeMethod(this, [this] {
          progressPending_ = false;
          if (running_) emit progressed(latestProgress_.load());
        }, Qt::QueuedConnection);
    };
    try {
      continuation = work(*token, progress);
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    } catch (...) {
      error = QStringLiteral("unknown error");
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      continuation_ = std::move(continuation);
      error_ = error;
    }
    QMetaObject::invokeMethod(this, [this, generation] { finishGeneration(generation); }, Qt::QueuedConnection);
  });
}

void BackgroundTask::cancel() {
  if (running_) token_->requestStop();
}

void BackgroundTask::finishGeneration(quint64 generation) {
  if (generation != generation_ || !running_) return;
  join();
  running_ = false;
  std::function<void()> continuation;
  QString error;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    continuation = std::move(continuation_);
    error = error_;
  }
  if (!error.isEmpty()) {
    emit failed(error);
  } else if (token_->stopRequested()) {
    emit cancelled();
  } else {
    if (continuation) continuation();
    emit succeeded();
  }
}

}  // namespace embedlab::ui
