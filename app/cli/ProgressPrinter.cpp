#include "app/cli/ProgressPrinter.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace embedlab::cli {

namespace {

std::string formatRate(double perSec) {
  char buf[32];
  if (perSec >= 1e6) std::snprintf(buf, sizeof buf, "%.2fM", perSec / 1e6);
  else if (perSec >= 1e3) std::snprintf(buf, sizeof buf, "%.1fk", perSec / 1e3);
  else std::snprintf(buf, sizeof buf, "%.0f", perSec);
  return buf;
}

std::string formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

int terminalColumns() {
  winsize ws{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

}  // namespace

ProgressPrinter::ProgressPrinter(Options options)
    : options_(std::move(options)), terminal_(isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()) {}

ProgressPrinter::~ProgressPrinter() { finish(); }

Progress ProgressPrinter::fraction(const std::string& phase, double done) {
  Progress p;
  p.phase = phase;
  p.total = 1000000;
  p.step = static_cast<int64_t>(std::clamp(done, 0.0, 1.0) * 1e6);
  return p;
}

std::string ProgressPrinter::format(const Progress& p, bool live) const {
  const double percent = p.total > 0 ? 100.0 * static_cast<double>(p.step) / static_cast<double>(p.total) : 0;
  std::string text = p.phase.empty() ? "working" : p.phase;
  char buf[96];
  std::snprintf(buf, sizeof buf, " %5.1f%%", std::clamp(percent, 0.0, 100.0));
  text += buf;
  std::string tail;
  if (p.itemsPerSec > 0) tail += "  " + formatRate(p.itemsPerSec) + " " + options_.unit + "/s";
  if (options_.showLoss && p.phase == "training") {
    std::snprintf(buf, sizeof buf, "  loss %.4f  lr %.6f", p.loss, p.lr);
    tail += buf;
  }
  if (!live && p.elapsedSeconds > 0) tail += "  elapsed " + formatDuration(p.elapsedSeconds);
  if (p.etaSeconds > 0) tail += "  ETA " + formatDuration(p.etaSeconds);

  if (live) {
    // The bar takes what the other fields leave of the terminal's width, within [10, 40].
    const int columns = terminalColumns();
    const int room = columns - 1 - static_cast<int>(text.size() + tail.size()) - 3;
    const int barWidth = std::clamp(room, 10, 40);
    const int filled = static_cast<int>(std::clamp(percent, 0.0, 100.0) / 100.0 * barWidth);
    text += " [" + std::string(filled, '#') + std::string(barWidth - filled, '.') + "]";
  }
  return text + tail;
}

void ProgressPrinter::report(const Progress& p) {
  if (options_.quiet) return;
  const auto now = std::chrono::steady_clock::now();
  const double since = std::chrono::duration<double>(now - lastPrint_).count();
  const bool phaseChanged = p.phase != lastPhase_;
  const bool done = p.total > 0 && p.step >= p.total;
  const double interval = terminal_ ? options_.liveIntervalSeconds : options_.plainIntervalSeconds;
  // Work that ends within the first interval prints nothing: a quick command, or one that fails at
  // once on a bad file, leaves stderr to its result or its one-line error.
  const double initialDelay = terminal_ ? options_.liveDelaySeconds : options_.plainIntervalSeconds;
  if (!printedAny_ && std::chrono::duration<double>(now - start_).count() < initialDelay) return;
  if (printedAny_ && !phaseChanged && !done && since < interval) return;
  if (!terminal_ && printedAny_ && !phaseChanged && done && since < 0.5) return;  // no duplicate last line

  std::string line = format(p, terminal_);
  if (terminal_) {
    if (phaseChanged && lineOpen_) std::fputc('\n', stderr);  // keep the finished phase's last line
    else if (lineOpen_) std::fputc('\r', stderr);
    const size_t width = line.size();
    if (!phaseChanged && width < lastWidth_) line += std::string(lastWidth_ - width, ' ');
    std::fputs(line.c_str(), stderr);
    lastWidth_ = width;
    lineOpen_ = true;
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  std::fflush(stderr);
  lastPhase_ = p.phase;
  lastPrint_ = now;
  printedAny_ = true;
}

void ProgressPrinter::finish() {
  if (lineOpen_) {
    std::fputc('\n', stderr);
    std::fflush(stderr);
    lineOpen_ = false;
  }
}

}  // namespace embedlab::cli
